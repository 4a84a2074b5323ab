import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { canScan, scanBarcode } from '../platform/scan';

/**
 * 扫码/输入条码: a label scanned with the camera (WeCom) or typed (H5, or a label that will
 * not scan), handed to the page's check. The input clears when the page accepts the value.
 */
export function ScanBox(props: {
  testId: string;
  hint: string;
  error?: string;
  /** True when the value was accepted. */
  onScan: (value: string) => boolean;
}) {
  const [code, setCode] = useState('');
  const { testId } = props;
  const submit = (value: string) => {
    if (props.onScan(value)) setCode('');
  };
  const scanWithCamera = async () => {
    const value = await scanBarcode();
    if (value) submit(value);
  };
  return (
    <View className="card">
      <View className="label">扫码/输入条码</View>
      <View className="muted" data-testid={`${testId}-current`}>
        {props.hint}
      </View>
      <Input
        className={`input${props.error ? ' input-error' : ''}`}
        data-testid={`${testId}-scan-input`}
        placeholder="扫码/输入条码"
        value={code}
        onInput={(e) => setCode(e.detail.value)}
        onConfirm={() => submit(code)}
      />
      {props.error ? (
        <Text className="field-error" data-testid={`${testId}-scan-error`}>
          {props.error}
        </Text>
      ) : null}
      <View className="btn-row">
        {canScan() ? (
          <Button
            className="btn"
            data-testid={`${testId}-scan-camera`}
            onClick={() => void scanWithCamera()}
          >
            扫码
          </Button>
        ) : null}
        <Button className="btn" data-testid={`${testId}-scan-confirm`} onClick={() => submit(code)}>
          确认条码
        </Button>
      </View>
    </View>
  );
}
