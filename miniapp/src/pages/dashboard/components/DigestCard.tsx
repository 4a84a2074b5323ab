import type { DigestSubscription } from '@factory/shared';
import { Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { putDigestSubscription } from '../../../api/digest';

const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * 每日简报: the manager turns the daily WeCom digest on or off and picks the hour it comes at
 * (a stepper, the same in WeCom and H5). Each change is saved at once; a refusal is shown and
 * the switch goes back to what is saved.
 */
export function DigestCard(props: { subscription: DigestSubscription }) {
  const [saved, setSaved] = useState(props.subscription);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const save = async (enabled: boolean, hour: number) => {
    if (saving) return;
    setSaving(true);
    setError(undefined);
    try {
      setSaved(await putDigestSubscription({ enabled, hour }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  const step = (delta: number) => void save(saved.enabled, (saved.hour + delta + 24) % 24);

  return (
    <View className="card" data-testid="dash-digest">
      <View className="dash-row">
        <Text className="dash-section dash-cell-label">每日简报</Text>
        <Switch
          checked={saved.enabled}
          color="#1f6feb"
          data-testid="dash-digest-switch"
          onChange={(e) => void save(Boolean(e.detail.value), saved.hour)}
        />
      </View>
      <View className="dash-note" data-testid="dash-digest-state">
        {saved.enabled
          ? `已开启：每天 ${hourText(saved.hour)} 在企业微信收到昨日的接单、发货、逾期工单、缺料和待审批`
          : '未开启：开启后每天在企业微信收到昨日的经营简报'}
      </View>
      <View className="dash-row">
        <Text className="dash-cell-label">发送时间</Text>
        <View className="dash-step" data-testid="dash-digest-earlier" onClick={() => step(-1)}>
          −
        </View>
        <Text className="dash-value" data-testid="dash-digest-hour">
          {hourText(saved.hour)}
        </Text>
        <View className="dash-step" data-testid="dash-digest-later" onClick={() => step(1)}>
          +
        </View>
      </View>
      {error ? (
        <View className="dash-error" data-testid="dash-digest-error">
          {error}
        </View>
      ) : null}
    </View>
  );
}
