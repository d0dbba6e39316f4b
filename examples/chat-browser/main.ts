// The browser chat page's script: bundle it to main.js beside index.html (see the README of
// @symbiont/chat), serve the folder, open it and talk to the coordinator.
import { createContext } from '@symbiont/core';
import { ChatError, type ChatSession, connectChat } from '@symbiont/chat';

const form = document.querySelector<HTMLFormElement>('#chat')!;
const input = (id: string): HTMLInputElement => document.querySelector<HTMLInputElement>(`#${id}`)!;
const transcript = document.querySelector<HTMLOListElement>('#transcript')!;

/** Appends a line to the transcript. */
function add(kind: string, text: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = text;
  transcript.append(item);
  return item;
}

// One socket, reopened when the runtime fields change or it has closed.
let session: Promise<ChatSession> | undefined;
let openedFor = '';

function chat(): Promise<ChatSession> {
  const baseUrl = input('base-url').value.trim();
  const apiKey = input('api-key').value.trim() || undefined;
  const target = `${baseUrl}\n${apiKey ?? ''}`;
  if (!session || target !== openedFor) {
    void session?.then((s) => s.close(), () => {});
    openedFor = target;
    session = connectChat(createContext({ baseUrl, apiKey }));
    session.then((s) => add('status', `connected to ${s.url}`), () => (session = undefined));
  }
  return session.then((s) => {
    if (s.isOpen) return s;
    session = undefined;
    return chat();
  });
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const content = input('message').value.trim();
  if (!content) return;
  input('message').value = '';
  add('user', content);
  let partial: HTMLLIElement | undefined;
  try {
    for await (const item of (await chat()).send(content)) {
      if (item.type === 'ToolCallStarted') add('tool', `⚙ ${item.tool_name}(${item.arguments})`);
      else if (item.type === 'ToolCallResult') add('tool', `${item.is_error ? '✗' : '✓'} ${item.result}`);
      else if (item.type === 'PolicyDecision') add('policy', `policy: ${item.decision} — ${item.action}, ${item.reason}`);
      else if (!item.done) (partial ??= add('reply partial', '')).textContent += item.content;
      else {
        partial?.remove();
        add('reply', item.content).dataset.done = 'true';
      }
    }
  } catch (error) {
    add('error', error instanceof ChatError ? `The run failed (${error.code}): ${error.message}` : String(error));
  }
});
form.dataset.ready = 'true';
