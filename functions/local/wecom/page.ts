/**
 * The simulator's page (/sim/): pick a corp and a member, see their messages and cards, tap
 * a card button (the click goes to the product's callback URL, encrypted), issue a login
 * code for the H5 mini-program, revoke the app's tokens. Plain HTML and a little JS.
 */
export const SIM_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>企业微信模拟器</title>
<style>
  body { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f2f3f5; color: #222; }
  header { background: #2b6fd6; color: #fff; padding: 10px 16px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0 12px 0 0; }
  select, button { font-size: 14px; padding: 4px 8px; }
  main { display: flex; gap: 16px; padding: 16px; flex-wrap: wrap; }
  section { background: #fff; border-radius: 8px; padding: 12px 16px; flex: 1 1 360px; min-width: 300px; }
  h2 { font-size: 16px; margin: 4px 0 12px; }
  .msg { border: 1px solid #e3e5e8; border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
  .meta { color: #888; font-size: 12px; margin-bottom: 4px; }
  .title { font-weight: 600; margin-bottom: 4px; }
  .desc { color: #555; margin-bottom: 6px; }
  .kv { font-size: 13px; color: #444; }
  .buttons { display: flex; gap: 8px; margin-top: 8px; }
  .buttons button { flex: 1; border-radius: 4px; border: 1px solid #2b6fd6; background: #fff; color: #2b6fd6; cursor: pointer; }
  .buttons button.s1 { background: #2b6fd6; color: #fff; }
  .buttons button.s2 { border-color: #d6452b; color: #d6452b; }
  .done { margin-top: 8px; padding: 6px; text-align: center; background: #f0f0f0; color: #888; border-radius: 4px; }
  .status { font-size: 13px; color: #555; min-height: 1.4em; }
  code { background: #f4f4f4; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
  ul.log { padding-left: 18px; font-size: 12px; color: #555; }
</style>
</head>
<body>
<header>
  <h1>企业微信模拟器</h1>
  <label>企业 <select id="corp" data-testid="corp-select"></select></label>
  <label>成员 <select id="user" data-testid="user-select"></select></label>
  <button id="login" data-testid="login-code">生成登录 code</button>
  <button id="revoke" data-testid="revoke-token">使 access_token 失效</button>
</header>
<main>
  <section>
    <h2>消息 <span id="who"></span></h2>
    <div class="status" id="status" data-testid="status"></div>
    <div id="inbox" data-testid="inbox"></div>
  </section>
  <section>
    <h2>应用与回调</h2>
    <div id="app" class="kv"></div>
    <h2>最近的回调投递</h2>
    <ul class="log" id="deliveries" data-testid="deliveries"></ul>
  </section>
</main>
<script>
const $ = (id) => document.getElementById(id);
let corps = [];
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
async function api(path, body) {
  const res = await fetch('/sim/api/' + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  return { status: res.status, body: await res.json() };
}
function corp() { return corps.find((c) => c.corpid === $('corp').value); }
function fillUsers() {
  const c = corp();
  $('user').innerHTML = c.members.map((m) => '<option value="' + esc(m.userid) + '">' + esc(m.name) + ' (' + esc(m.userid) + ')' + (m.visible ? '' : ' 不在可见范围') + '</option>').join('');
  $('app').innerHTML = 'corpid <code>' + esc(c.corpid) + '</code> · agentid <code>' + c.agentId + '</code><br>回调 URL <code>' + esc(c.callbackUrl || '未设置') + '</code>';
}
function renderCard(m) {
  const card = m.template_card;
  const fields = (card.horizontal_content_list || []).map((f) => '<div class="kv">' + esc(f.keyname) + '：' + esc(f.value) + '</div>').join('');
  let action = '';
  if (m.replaceName) action = '<div class="done" data-testid="card-done-' + esc(m.msgid) + '">' + esc(m.replaceName) + '</div>';
  else if (m.replaced) action = '<div class="done" data-testid="card-done-' + esc(m.msgid) + '">' + esc(card.replace_text || '已更新') + '</div>';
  else if (card.button_list) action = '<div class="buttons">' + card.button_list.map((b) =>
    '<button class="s' + (b.style || 1) + '" data-testid="card-' + esc(m.msgid) + '-button-' + esc(b.key) + '" data-msgid="' + esc(m.msgid) + '" data-key="' + esc(b.key) + '">' + esc(b.text) + '</button>').join('') + '</div>';
  return '<div class="title">' + esc(card.main_title && card.main_title.title) + '</div><div class="desc">' + esc(card.main_title && card.main_title.desc) + '</div>' + fields + action;
}
function renderMessage(m) {
  let inner = '';
  if (m.msgtype === 'text') inner = '<div>' + esc(m.text.content) + '</div>';
  else if (m.msgtype === 'textcard') inner = '<div class="title">' + esc(m.textcard.title) + '</div><div class="desc">' + m.textcard.description.replace(/<(?!\\/?div)[^>]*>/g, '') + '</div><a href="' + esc(m.textcard.url) + '">' + esc(m.textcard.btntxt || '详情') + '</a>';
  else if (m.msgtype === 'miniprogram_notice') inner = '<div class="title">' + esc(m.miniprogram_notice.title) + '</div><div class="desc">' + esc(m.miniprogram_notice.description) + '</div>' + (m.miniprogram_notice.content_item || []).map((i) => '<div class="kv">' + esc(i.key) + '：' + esc(i.value) + '</div>').join('') + '<div class="meta">小程序页面 ' + esc(m.miniprogram_notice.page) + '</div>';
  else if (m.msgtype === 'template_card') inner = renderCard(m);
  return '<div class="msg" data-testid="message-' + esc(m.msgid) + '" data-msgtype="' + esc(m.msgtype) + '"><div class="meta">' + esc(new Date(m.createdAt).toLocaleString('zh-CN')) + ' · ' + esc(m.msgtype) + '</div>' + inner + '</div>';
}
async function refresh() {
  const c = corp(); if (!c) return;
  const r = await api('inbox?corpid=' + encodeURIComponent(c.corpid) + '&userid=' + encodeURIComponent($('user').value));
  $('who').textContent = $('user').selectedOptions[0] ? '— ' + $('user').selectedOptions[0].textContent : '';
  $('inbox').innerHTML = r.body.messages.length ? r.body.messages.map(renderMessage).join('') : '<div class="meta">暂无消息</div>';
  const d = await api('deliveries?corpid=' + encodeURIComponent(c.corpid));
  $('deliveries').innerHTML = d.body.deliveries.slice(-10).reverse().map((x) =>
    '<li>' + esc(new Date(x.at).toLocaleTimeString('zh-CN')) + ' ' + (x.delivered ? '已送达' : '失败') + '，尝试 ' + x.attempts.length + ' 次' + x.attempts.map((a) => ' [' + (a.status || a.error) + ']').join('') + '</li>').join('');
}
$('inbox').addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-key]'); if (!b) return;
  b.disabled = true;
  $('status').textContent = '正在回调应用……';
  const r = await api('click', { corpid: corp().corpid, userid: $('user').value, msgid: b.dataset.msgid, buttonKey: b.dataset.key });
  $('status').textContent = r.status === 200 ? (r.body.delivered ? '已回调应用（' + r.body.attempts.length + ' 次尝试）' : '回调失败：' + JSON.stringify(r.body.attempts)) : (r.body.error || '操作失败');
  setTimeout(refresh, 300);
});
$('login').addEventListener('click', async () => {
  const r = await api('login-code', { corpid: corp().corpid, userid: $('user').value });
  $('status').innerHTML = r.status === 200 ? '登录 code（5 分钟内有效，仅可使用一次）：<code data-testid="login-code-value">' + esc(r.body.code) + '</code>' : esc(r.body.error);
});
$('revoke').addEventListener('click', async () => {
  const r = await api('revoke-token', { corpid: corp().corpid });
  $('status').textContent = '已使 ' + r.body.revoked + ' 个 access_token 失效';
});
$('corp').addEventListener('change', () => { fillUsers(); refresh(); });
$('user').addEventListener('change', refresh);
(async () => {
  corps = (await api('directory')).body.corps;
  $('corp').innerHTML = corps.map((c) => '<option value="' + esc(c.corpid) + '">' + esc(c.name) + ' (' + esc(c.corpid) + ')</option>').join('');
  const params = new URLSearchParams(location.search);
  if (params.get('corpid')) $('corp').value = params.get('corpid');
  fillUsers();
  if (params.get('userid')) $('user').value = params.get('userid');
  refresh();
  setInterval(refresh, 2000);
})();
</script>
</body>
</html>
`;
