import Taro from '@tarojs/taro';
import { IS_H5 } from './env';

/** A 2d canvas ready to draw on: its context, its size in CSS pixels and the device ratio. */
export type Canvas2d = {
  context: CanvasRenderingContext2D;
  width: number;
  height: number;
  pixelRatio: number;
};

/**
 * The 2d context of a `<Canvas type="2d" id=...>`: in WeCom through the node of a selector
 * query (fields node + size), in H5 the <canvas> Taro renders inside its element. The canvas's
 * backing store is sized to the device's pixel ratio so the chart is sharp.
 */
export async function canvas2d(id: string): Promise<Canvas2d | undefined> {
  if (IS_H5) {
    const host = document.getElementById(id);
    const canvas = (
      host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas')
    ) as HTMLCanvasElement | null;
    if (!canvas) return undefined;
    const rect = canvas.getBoundingClientRect();
    return prepare(canvas, rect.width, rect.height, window.devicePixelRatio || 1);
  }
  const found = await new Promise<{ node?: unknown; width?: number; height?: number } | null>(
    (resolve) => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: unknown[]) => resolve((res?.[0] as never) ?? null));
    },
  );
  if (!found?.node || !found.width || !found.height) return undefined;
  return prepare(
    found.node as HTMLCanvasElement,
    found.width,
    found.height,
    Taro.getWindowInfo().pixelRatio || 1,
  );
}

function prepare(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  pixelRatio: number,
): Canvas2d | undefined {
  if (!width || !height) return undefined;
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  const context = canvas.getContext('2d');
  return context ? { context, width, height, pixelRatio } : undefined;
}
