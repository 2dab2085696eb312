import { render } from 'preact';
import { useState } from 'preact/hooks';
import { Chat, type ChatOptions } from './chat.js';
import { ShopMoneyProvider } from './money.js';
import { styles } from './styles.js';

/**
 * The chat on a shop's own site: one `<script src=".../widget.js">` tag. Data attributes: `data-api`
 * (defaults to where the script came from), `data-color`, `data-greeting`, `data-position`
 * (`right` or `left`), and for a signed-in customer `data-token` with `data-user-id`. `data-mode="page"`
 * fills the page instead (the shop's own chat page). It lives in a shadow root, so neither the page's
 * styles nor its own leak across.
 */
function Widget({ options, position }: { options: ChatOptions; position: string }) {
  const [open, setOpen] = useState(false);
  // Started on first open (a visitor who never chats costs nothing), then kept while closed, so a reply
  // in flight or an operator's message is not lost.
  const [started, setStarted] = useState(false);
  return (
    <>
      {started && (
        <div class={`panel ${position}`} role="dialog" aria-label="Chat with the shop" hidden={!open}>
          <ShopMoneyProvider base={options.base}>
            <Chat options={options} />
          </ShopMoneyProvider>
        </div>
      )}
      <button
        type="button"
        class={`launcher ${position}`}
        aria-expanded={open}
        onClick={() => {
          setStarted(true);
          setOpen(!open);
        }}
      >
        {open ? 'Close chat' : 'Chat with us'}
      </button>
    </>
  );
}

function start(script: HTMLScriptElement | null) {
  const data = script?.dataset ?? {};
  const origin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const options: ChatOptions = {
    base: (data.api ?? origin).replace(/\/$/, ''),
    greeting:
      data.greeting ?? 'Hi! I can help you find products, check stock, and manage your cart and orders.',
    token: data.token,
    userId: data.userId,
  };
  const host = document.createElement('div');
  host.id = 'sales-agent-chat';
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = styles(data.color ?? '#1f4fd1');
  root.appendChild(style);
  // Everything inherits from this element, not from the host page's (perhaps restyled) one.
  const mount = document.createElement('div');
  mount.className = 'root';
  root.appendChild(mount);
  if (data.mode === 'page') {
    mount.className = 'root page';
    render(
      <ShopMoneyProvider base={options.base}>
        <Chat options={options} />
      </ShopMoneyProvider>,
      mount,
    );
  } else {
    render(<Widget options={options} position={data.position === 'left' ? 'left' : 'right'} />, mount);
  }
}

const script = document.currentScript as HTMLScriptElement | null;
if (document.body) start(script);
else document.addEventListener('DOMContentLoaded', () => start(script));
