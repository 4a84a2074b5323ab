import Taro from '@tarojs/taro';
import { loadConfig } from './config';
import { IS_H5 } from './env';
import { ApiError, buildUrl, toApiError } from './request';
import { getSession } from './session';

/**
 * A file from the API (an XLSX export) opened on the phone: in WeCom downloaded with the
 * session's token and opened in the document viewer (which can forward or save it); in H5
 * fetched the same way and saved under `filename`. A plain link cannot carry the token.
 */
export async function openFile(path: string, filename: string): Promise<void> {
  const config = await loadConfig();
  const url = buildUrl(config.apiBaseUrl, path);
  const session = getSession();
  const header: Record<string, string> = session
    ? { authorization: `Bearer ${session.token}` }
    : {};
  if (IS_H5) {
    let res: Response;
    try {
      res = await fetch(url, { headers: header });
    } catch {
      throw new ApiError(0, 'network', '网络不通，请稍后再试');
    }
    if (!res.ok) throw toApiError(res.status, await res.json().catch(() => undefined));
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
    return;
  }
  const file = await Taro.downloadFile({ url, header });
  if (file.statusCode !== 200) throw toApiError(file.statusCode, undefined);
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true });
}
