import { Text } from '@tarojs/components';

/**
 * A customer, supplier or subcontractor as people know them: the name, its code after it in
 * grey; the code alone only when the master data no longer knows the partner.
 */
export function PartnerName(props: { code?: string; name?: string; testId?: string }) {
  const { code, name } = props;
  const named = name && name !== code;
  return (
    <Text data-testid={props.testId}>
      {named ? name : code}
      {named && code ? <Text className="muted code-aside"> {code}</Text> : null}
    </Text>
  );
}
