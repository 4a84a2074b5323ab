import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A labelled form field with its error (from the API's zod path) shown under it. */
export function Field(props: {
  label: string;
  error?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <View className="field">
      <View className="label">{props.label}</View>
      {props.children}
      {props.error ? (
        <Text className="field-error" data-testid={`${props.testId}-error`}>
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}

export function ErrorBanner(props: { messages: string[]; testId?: string }) {
  if (!props.messages.length) return null;
  return (
    <View className="banner-error" data-testid={props.testId ?? 'form-error'}>
      {props.messages.map((m) => (
        <View key={m}>{m}</View>
      ))}
    </View>
  );
}
