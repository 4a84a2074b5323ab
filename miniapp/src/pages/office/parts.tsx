import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * A labelled field of the office pages, its error under it in the claimant's words. It also
 * carries the app's `field` / `field-error` classes: after a failed submit the page brings the
 * first `.field-error` into view and focuses the input of its `.field` (platform/scroll.ts);
 * office.css, loaded after app.css, keeps the office look.
 */
export function OaField(props: {
  label: string;
  error?: string | undefined;
  testId: string;
  children: ReactNode;
}) {
  return (
    <View className="oa-field field">
      <View className="oa-label">{props.label}</View>
      {props.children}
      {props.error ? (
        <Text className="oa-error field-error" data-testid={`${props.testId}-error`}>
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}

/** The page's error line; `banner-error` is what a failed submit without field errors shows. */
export function OaBanner(props: { messages: string[]; testId: string }) {
  if (!props.messages.length) return null;
  return (
    <View className="oa-banner banner-error" data-testid={props.testId}>
      {props.messages.map((m) => (
        <View key={m}>{m}</View>
      ))}
    </View>
  );
}

/** A receipt photo's thumbnail; a tap shows it full size. */
export function Thumb(props: {
  src: string | undefined;
  testId: string;
  onTap?: () => void;
  children?: ReactNode;
}) {
  return (
    <View className="oa-photo" data-testid={props.testId} onClick={props.onTap}>
      {props.src ? (
        <Image
          className="oa-photo-img"
          src={props.src}
          mode="aspectFill"
          data-testid={`${props.testId}-img`}
        />
      ) : null}
      {props.children}
    </View>
  );
}
