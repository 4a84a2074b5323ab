import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { ROLE_LABELS, tilesFor } from '../../../lib/roles';
import { logout } from '../../../platform/login';
import { goTo, restartAt, usePageShow } from '../../../platform/nav';
import { getSession, type AppSession } from '../../../platform/session';

/** 首页: one tile for each thing the person's roles allow. */
export default function HomePage() {
  const [session, setSession] = useState<AppSession | undefined>(() => getSession());

  usePageShow(() => {
    const s = getSession();
    if (!s) restartAt('login');
    setSession(s);
  });

  if (!session) return <View className="page" />;
  const tiles = tilesFor(session.roles);
  return (
    <View className="page" data-testid="home-page">
      <View className="card">
        <View className="title" data-testid="home-user">
          {session.name ?? session.user}
        </View>
        <View className="muted">
          {session.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')} · {session.tenant}
        </View>
      </View>
      <View className="tiles">
        {tiles.map((t) => (
          <View
            key={t.id}
            className="tile"
            data-testid={`tile-${t.id}`}
            onClick={() => goTo(t.page, t.params)}
          >
            <View className="tile-title">{t.title}</View>
            <View className="muted">{t.hint}</View>
          </View>
        ))}
      </View>
      {tiles.length === 0 ? <View className="muted">当前角色暂无可用功能</View> : null}
      <Button
        className="btn"
        style={{ marginTop: '40px' }}
        data-testid="logout"
        onClick={() => {
          logout();
          restartAt('login');
        }}
      >
        退出登录
      </Button>
    </View>
  );
}
