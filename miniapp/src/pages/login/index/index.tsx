import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { DemoUser } from '../../../platform/config';
import { demoUsers, loginAsDemoUser, loginInWeCom, loginMode } from '../../../platform/login';
import { restartAt } from '../../../platform/nav';
import { ErrorBanner } from '../../../components/Field';

/**
 * 登录. In WeCom the mini-program signs in with wx.qy.login at once; in H5 (local runtime,
 * tests) a demo user is picked and the WeCom simulator issues the login code.
 */
export default function LoginPage() {
  const mode = loginMode();
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [chosen, setChosen] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (login: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await login();
      restartAt('home');
    } catch (err) {
      setError((err as Error).message || '登录失败');
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (mode === 'wecom') void run(loginInWeCom);
    else
      demoUsers()
        .then(setUsers)
        .catch(() => setUsers([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <View className="page" data-testid="login-page">
      <View className="title">工厂 ERP</View>
      <ErrorBanner messages={error ? [error] : []} testId="login-error" />
      {mode === 'wecom' ? (
        <Button
          className="btn btn-primary"
          loading={busy}
          disabled={busy}
          data-testid="login-wecom"
          onClick={() => void run(loginInWeCom)}
        >
          企业微信登录
        </Button>
      ) : (
        <View>
          <View className="muted" style={{ marginBottom: '12px' }}>
            选择演示用户（由企业微信模拟器签发登录码）
          </View>
          <View className="card" data-testid="login-users">
            {users.map((u) => (
              <View
                key={u.userid}
                className={`option${chosen === u.userid ? ' tab-active' : ''}`}
                data-testid={`login-user-${u.userid}`}
                onClick={() => setChosen(u.userid)}
              >
                {u.name}
              </View>
            ))}
            {users.length === 0 ? <View className="muted">没有可用的演示用户</View> : null}
          </View>
          <Button
            className="btn btn-primary"
            loading={busy}
            disabled={busy || !chosen}
            data-testid="login-submit"
            onClick={() => chosen && void run(() => loginAsDemoUser(chosen))}
          >
            登录
          </Button>
        </View>
      )}
    </View>
  );
}
