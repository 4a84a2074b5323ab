import { useCallback, useEffect, useState } from 'react';
import { revealFirstError } from '../platform/scroll';
import { withoutFields, type FieldErrors } from './fieldErrors';

/**
 * A form's field errors: `show` sets them after a failed submit and, once they are on screen,
 * brings the first error (or, with none, the page's error banner) into view and focuses its
 * field; `clear` drops a field's error (and those under it) as soon as the field changes.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  // Bumped by each failed submit; the effect runs after the render that shows the errors.
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures) revealFirstError();
  }, [failures]);

  const show = useCallback((next: FieldErrors = {}) => {
    setErrors(next);
    setFailures((n) => n + 1);
  }, []);
  const clear = useCallback(
    (...keys: string[]) => setErrors((prev) => withoutFields(prev, keys)),
    [],
  );
  const reset = useCallback(() => setErrors({}), []);
  return { errors, show, clear, reset };
}
