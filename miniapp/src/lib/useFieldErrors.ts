import { useCallback, useEffect, useRef, useState } from 'react';
import { revealFirstError } from '../platform/scroll';
import { withoutFields, type FieldErrors } from './fieldErrors';

/** What a failed submit asked to happen once every error it showed is put right. */
type Fixing = { shown: FieldErrors; whenFixed: () => void; seen: boolean };

/**
 * A form's field errors: `show` sets them after a failed submit and, once they are on screen,
 * brings the first error (or, with none, the page's error banner) into view and focuses its
 * field; `clear` drops a field's error (and those under it) as soon as the field changes.
 * `show(errors, { whenFixed })`: called once the changes have cleared every one of them (the
 * banner that announced them goes); a later `show` or `reset` forgets it.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  // Bumped by each failed submit; the effect runs after the render that shows the errors.
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures) revealFirstError();
  }, [failures]);

  const fixing = useRef<Fixing | undefined>(undefined);
  useEffect(() => {
    const f = fixing.current;
    if (!f) return;
    // Only after the render of the errors shown: an earlier render (the reset of the same
    // submit) has no errors either, and is not their being put right.
    if (errors === f.shown) f.seen = true;
    else if (f.seen && Object.keys(errors).length === 0) {
      fixing.current = undefined;
      f.whenFixed();
    }
  }, [errors]);

  const show = useCallback((next: FieldErrors = {}, opts: { whenFixed?: () => void } = {}) => {
    fixing.current =
      opts.whenFixed && Object.keys(next).length
        ? { shown: next, whenFixed: opts.whenFixed, seen: false }
        : undefined;
    setErrors(next);
    setFailures((n) => n + 1);
  }, []);
  const clear = useCallback(
    (...keys: string[]) => setErrors((prev) => withoutFields(prev, keys)),
    [],
  );
  const reset = useCallback(() => {
    fixing.current = undefined;
    setErrors({});
  }, []);
  return { errors, show, clear, reset };
}
