import type { SalesLineProgress, SalesOrderProgress } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { progressText, sharePercent, strategyLabel, unitLabel } from '../lib/salesProgress';
import { taskStateLabel } from '../lib/taskOrders';

/** A labelled bar: how far along, with the numbers beside it. */
function Bar(props: { label: string; percent: number; text: string; testId: string }) {
  return (
    <View style={{ marginTop: '10px' }} data-testid={props.testId} data-percent={props.percent}>
      <View className="row">
        <Text className="muted">{props.label}</Text>
        <Text className="muted" data-testid={`${props.testId}-text`}>
          {props.text}
        </Text>
      </View>
      <View
        style={{
          height: '12px',
          borderRadius: '6px',
          background: '#f2f3f5',
          marginTop: '6px',
          overflow: 'hidden',
        }}
      >
        <View
          style={{
            width: `${props.percent}%`,
            height: '12px',
            borderRadius: '6px',
            background: props.percent >= 100 ? '#00b42a' : '#1f6feb',
          }}
        />
      </View>
    </View>
  );
}

function LineProgress({ line }: { line: SalesLineProgress }) {
  const unit = unitLabel(line.unit);
  const name = line.itemName ?? line.item;
  return (
    <View className="card" data-testid={`progress-line-${line.line}`}>
      <View className="row">
        <Text className="label">
          第 {line.line} 行 · {name}
        </Text>
        <Text className="muted">交期 {line.dueDate}</Text>
      </View>
      <View className="muted">{strategyLabel(line.strategy, line.trackingNo)}</View>
      <Bar
        label="已发货"
        percent={sharePercent(line.delivered, line.qty)}
        text={progressText(line.delivered, line.qty, line.unit)}
        testId={`progress-line-${line.line}-delivered`}
      />
      <View
        className="muted"
        style={{ marginTop: '10px' }}
        data-testid={`progress-line-${line.line}-stock`}
      >
        {line.stock.scope === 'tracking' ? '本订单库存' : '可用库存（公共）'}：
        {line.stock.available} {unit}
        {line.stock.inspection !== '0' ? ` · 待检 ${line.stock.inspection} ${unit}` : ''}
      </View>
      {line.deliveries.map((d) => (
        <View
          key={d.no}
          className="muted"
          data-testid={`progress-line-${line.line}-delivery-${d.no}`}
        >
          发货单 {d.no} · {d.date} · {d.qty} {unit}
          {d.returned !== '0' ? ` · 退回 ${d.returned} ${unit}` : ''}
        </View>
      ))}
      {line.expectedCompletion ? (
        <View className="muted" data-testid={`progress-line-${line.line}-expected`}>
          预计完成：{line.expectedCompletion}
        </View>
      ) : null}
      {line.taskOrders.length === 0 && line.purchaseOrders.length === 0 ? (
        <View className="muted" style={{ marginTop: '10px' }}>
          {line.strategy === 'mto'
            ? '尚无生产任务单或采购订单'
            : '由库存供货，尚无为本行生成的生产任务单'}
        </View>
      ) : null}
      {line.taskOrders.map((t) => (
        <View
          key={t.no}
          className="list-item"
          style={{ padding: '16px 0' }}
          data-testid={`progress-task-${t.no}`}
        >
          <View className="row">
            <Text>
              生产任务单 {t.no} · {t.itemName ?? t.item}
            </Text>
            <Text className="tag" data-testid={`progress-task-${t.no}-state`}>
              {taskStateLabel(t.status)}
            </Text>
          </View>
          {t.issuedPercent !== undefined ? (
            <Bar
              label="领料"
              percent={t.issuedPercent}
              text={`${t.issuedPercent}%`}
              testId={`progress-task-${t.no}-issued`}
            />
          ) : null}
          <Bar
            label="报工（良品）"
            percent={sharePercent(t.reported, t.qty)}
            text={progressText(t.reported, t.qty, t.unit)}
            testId={`progress-task-${t.no}-reported`}
          />
          <Bar
            label="完工入库"
            percent={sharePercent(t.received, t.qty)}
            text={progressText(t.received, t.qty, t.unit)}
            testId={`progress-task-${t.no}-received`}
          />
          {t.dueDate ? (
            <View className="muted" style={{ marginTop: '8px' }}>
              计划完工：{t.dueDate}
            </View>
          ) : null}
        </View>
      ))}
      {line.purchaseOrders.map((p) => (
        <View
          key={`${p.no}-${p.line}`}
          className="list-item"
          style={{ padding: '16px 0' }}
          data-testid={`progress-po-${p.no}-${p.line}`}
        >
          <View className="row">
            <Text>
              采购订单 {p.no} · {p.itemName ?? p.item}
            </Text>
            <Text className="muted">{p.supplierName ?? p.supplier}</Text>
          </View>
          <Bar
            label="到货入库"
            percent={sharePercent(p.received, p.qty)}
            text={progressText(p.received, p.qty, p.unit)}
            testId={`progress-po-${p.no}-${p.line}-received`}
          />
          <View className="muted" style={{ marginTop: '8px' }}>
            {p.closed ? '已关闭' : `预计到货：${p.dueDate}`}
          </View>
        </View>
      ))}
      {line.deliveries.map((d) => (
        <View key={d.no} className="muted">
          发货单 {d.no} · {d.date} · {d.qty} {unit}
        </View>
      ))}
    </View>
  );
}

/**
 * 订单进度: per line, what was delivered, the stock kept for it, the task orders making it
 * (materials issued, good reported, received) and the purchase orders buying for it, with
 * their dates. Quantities and dates only: the API sends no cost or price.
 */
export function OrderProgress({ progress }: { progress: SalesOrderProgress }) {
  return (
    <View data-testid="order-progress">
      <View className="title" style={{ marginTop: '8px' }}>
        订单进度
      </View>
      <View className="muted" style={{ marginBottom: '12px' }}>
        截至 {progress.asOf}
      </View>
      {progress.lines.map((l) => (
        <LineProgress key={l.line} line={l} />
      ))}
    </View>
  );
}
