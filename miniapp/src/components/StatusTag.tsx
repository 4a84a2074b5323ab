import { Text } from '@tarojs/components';
import { statusLabel, statusTone } from '../lib/status';

export function StatusTag(props: { status: string; testId?: string }) {
  return (
    <Text
      className={`tag tag-${statusTone(props.status)}`}
      data-testid={props.testId ?? 'status'}
      data-status={props.status}
    >
      {statusLabel(props.status)}
    </Text>
  );
}
