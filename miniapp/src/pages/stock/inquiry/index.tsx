import type { Balance, Warehouse } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { listItems, listWarehouses, stockBalances } from '../../../api/masterData';
import { ErrorBanner } from '../../../components/Field';
import { SearchPicker, type PickerOption } from '../../../components/SearchPicker';

const STATUS: Record<string, string> = {
  available: '可用',
  inspection: '待检',
  rejected: '不合格',
};

/** 库存查询: balances of one item in every warehouse, or of every item in one warehouse. */
export default function StockInquiryPage() {
  const [mode, setMode] = useState<'item' | 'warehouse'>('item');
  const [item, setItem] = useState<PickerOption>();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [warehouse, setWarehouse] = useState<string>();
  const [rows, setRows] = useState<Balance[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    listWarehouses()
      .then((p) => setWarehouses(p.items))
      .catch((e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    const query = mode === 'item' ? { item: item?.value } : { warehouse };
    if (!query.item && !query.warehouse) {
      setRows(undefined);
      return;
    }
    setError(undefined);
    stockBalances(query)
      .then((p) => setRows(p.items))
      .catch((e: Error) => setError(e.message));
  }, [mode, item, warehouse]);

  const searchItems = useCallback(
    async (q: string) =>
      (await listItems(q)).items.map((i) => ({
        value: i.code,
        label: `${i.code} ${i.name}`,
        ...(i.spec ? { hint: i.spec } : {}),
      })),
    [],
  );
  const whName = (code: string) => warehouses.find((w) => w.code === code)?.name ?? code;

  return (
    <View className="page" data-testid="stock-page">
      <View className="tabs">
        <View
          className={`tab${mode === 'item' ? ' tab-active' : ''}`}
          data-testid="stock-mode-item"
          onClick={() => setMode('item')}
        >
          按物料
        </View>
        <View
          className={`tab${mode === 'warehouse' ? ' tab-active' : ''}`}
          data-testid="stock-mode-warehouse"
          onClick={() => setMode('warehouse')}
        >
          按仓库
        </View>
      </View>
      <View className="card">
        {mode === 'item' ? (
          <SearchPicker
            testId="stock-item"
            placeholder="搜索物料编码或名称"
            selected={item}
            search={searchItems}
            onSelect={setItem}
          />
        ) : (
          <View className="tiles">
            {warehouses.map((w) => (
              <View
                key={w.code}
                className={`tag chip${warehouse === w.code ? '' : ' tag-draft'}`}
                data-testid={`stock-warehouse-${w.code}`}
                onClick={() => setWarehouse(w.code)}
              >
                {w.name}
              </View>
            ))}
          </View>
        )}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {rows ? (
        <View className="card" data-testid="stock-results">
          {rows.length === 0 ? <View className="muted">没有库存</View> : null}
          {rows.map((b) => (
            <View
              key={`${b.item}|${b.warehouse}|${b.status}|${b.lot}|${b.trackingNo}|${b.customer ?? ''}`}
              className="list-item row"
              data-testid={`stock-row-${b.item}-${b.warehouse}`}
            >
              <View>
                <View>{mode === 'item' ? whName(b.warehouse) : b.item}</View>
                <View className="muted">
                  {STATUS[b.status] ?? b.status}
                  {b.lot ? ` · 批次 ${b.lot}` : ''}
                  {b.trackingNo ? ` · 跟踪号 ${b.trackingNo}` : ''}
                  {b.customer ? ` · 客供料，属客户 ${b.customer}` : ''}
                </View>
              </View>
              <Text className="tile-title">{b.qty}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
