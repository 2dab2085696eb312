/** The chat's look, kept inside its shadow root so the shop's page and the widget never restyle each other. */
export const styles = (accent: string) => `
:host { all: initial; --accent: ${accent}; }
.root { all: initial; display: block; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; }
.root * { font-family: inherit; }
* { box-sizing: border-box; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.launcher { position: fixed; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px; padding: 14px 20px;
  background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgb(0 0 0 / .25); }
.launcher.right, .panel.right { right: 20px; } .launcher.left, .panel.left { left: 20px; }
.panel { position: fixed; bottom: 84px; z-index: 2147483000; width: min(400px, calc(100vw - 24px)); height: min(640px, calc(100vh - 110px));
  background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgb(0 0 0 / .3); overflow: hidden; display: flex; }
.panel[hidden] { display: none; }
.page { position: fixed; inset: 0; display: flex; background: #fff; }
.chat { display: flex; flex-direction: column; width: 100%; height: 100%; position: relative; }
.bar { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px; background: var(--accent); color: #fff; }
.bar h1 { font-size: 16px; margin: 0; }
button { font: inherit; cursor: pointer; }
button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.cart-button { background: #fff; color: #1a1a1a; border: 0; border-radius: 16px; padding: 4px 12px; }
.count { font-weight: 700; }
.banner { margin: 0; padding: 8px 14px; background: #fff4d6; color: #4a3500; }
.messages { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 88%; }
.msg p { margin: 0; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; }
.msg.customer { align-self: flex-end; } .msg.customer > p { background: var(--accent); color: #fff; }
.msg.assistant > p { background: #eef0f3; }
.msg.operator > p { background: #e3f2e6; }
.who { font-size: 12px; color: #2f5d37; font-weight: 600; }
.typing { letter-spacing: 3px; }
.cards { display: flex; gap: 8px; overflow-x: auto; padding: 6px 0; }
.card { flex: 0 0 200px; border: 1px solid #d6d9de; border-radius: 10px; padding: 8px; display: flex; flex-direction: column; gap: 4px; }
.card img { width: 96px; height: 96px; object-fit: cover; border-radius: 6px; background: #f2f2f2; }
.card h3 { font-size: 14px; margin: 0; }
.card p { margin: 0; padding: 0; background: none; }
.price { font-weight: 700; } .price .was { font-weight: 400; color: #777; }
.reason { font-size: 12px; color: #555; }
.stock.in { color: #1d6b2f; } .stock.low { color: #8a4b00; } .stock.out { color: #a11d1d; }
.card .note { font-size: 13px; color: #8a4b00; }
.card label { font-size: 13px; display: flex; justify-content: space-between; gap: 6px; }
.card button, .drawer button:not([aria-label]), .composer button { background: var(--accent); color: #fff; border: 0; border-radius: 8px; padding: 6px 10px; }
button:disabled { opacity: .55; cursor: not-allowed; }
.order { border: 1px solid #d6d9de; border-radius: 10px; padding: 8px 12px; margin-top: 6px; }
.order h3 { font-size: 14px; margin: 0 0 4px; } .order p, .order ul { margin: 0; padding: 0 0 0 0; background: none; }
.order ul { padding-left: 18px; } .status { text-transform: capitalize; font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; padding: 6px 12px; }
.chips button { background: #fff; color: #1a1a1a; border: 1px solid #6b7280; border-radius: 16px; padding: 4px 10px; }
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e2e4e8; }
.composer input { flex: 1; min-width: 0; font: inherit; padding: 8px 10px; border: 1px solid #6b7280; border-radius: 8px; }
.error { margin: 0 12px; color: #a11d1d; }
.drawer { position: absolute; inset: 0 0 0 auto; width: min(320px, 100%); background: #fff; box-shadow: -4px 0 16px rgb(0 0 0 / .2); padding: 12px; overflow-y: auto; }
.drawer header { display: flex; justify-content: space-between; align-items: center; }
.drawer header button { background: none; border: 0; font-size: 22px; }
.drawer h2 { font-size: 16px; margin: 0; } .total { font-weight: 700; }
`;
