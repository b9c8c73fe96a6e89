// The @anthropic-ai/sdk against Switchboard's Messages endpoint. Settings: SB_BASE_URL (…/anthropic or the gateway
// root for the /v1/messages alias), SB_TOKEN, SB_GROUP, SB_AUTH (apiKey: x-api-key header; authToken: Bearer).
import { expectError, load, main, PNG_BASE64, requestIdOf, setting, TOOL_PROMPT, TOOL_RESULT } from './lib.mjs';

const { Anthropic } = await load('@anthropic-ai/sdk');
const auth = setting('SB_AUTH');
if (auth !== 'apiKey' && auth !== 'authToken') {
  throw new Error(`SB_AUTH must be apiKey or authToken, not ${auth}`);
}
const client = new Anthropic({
  baseURL: setting('SB_BASE_URL'),
  apiKey: auth === 'apiKey' ? setting('SB_TOKEN') : null,
  authToken: auth === 'authToken' ? setting('SB_TOKEN') : null,
  maxRetries: 0,
  timeout: 30_000,
});
const model = setting('SB_GROUP');
const max_tokens = 512;

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function summary(message) {
  return {
    type: message.type,
    role: message.role,
    text: message.content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    blockTypes: message.content.map((b) => b.type),
    toolUses: message.content.filter((b) => b.type === 'tool_use').map((b) => ({ id: b.id, name: b.name, input: b.input })),
    stopReason: message.stop_reason,
    usage: message.usage ?? null,
  };
}

await main({
  async text() {
    const { data, response, request_id } = await client.messages
      .create({ model, max_tokens, system: 'Answer briefly.', messages: [{ role: 'user', content: 'Hello from the Anthropic SDK' }] })
      .withResponse();
    return { ...summary(data), requestIds: [requestIdOf(response)], sdkRequestId: request_id ?? null };
  },

  async stream() {
    const stream = client.messages.stream({
      model,
      max_tokens,
      messages: [{ role: 'user', content: 'Stream a reply to the Anthropic SDK' }],
    });
    const events = new Set();
    let text = '';
    stream.on('streamEvent', (event) => events.add(event.type));
    stream.on('text', (delta) => {
      text += delta;
    });
    const { response } = await stream.withResponse();
    const final = await stream.finalMessage();
    return { ...summary(final), deltaText: text, eventTypes: [...events], requestIds: [requestIdOf(response)] };
  },

  async tools() {
    const messages = [{ role: 'user', content: TOOL_PROMPT }];
    const first = await client.messages.create({ model, max_tokens, messages, tools: [weatherTool] }).withResponse();
    const use = first.data.content.find((b) => b.type === 'tool_use');
    if (!use) {
      throw new Error(`no tool_use block in the first answer: ${JSON.stringify(first.data.content).slice(0, 300)}`);
    }
    messages.push(
      { role: 'assistant', content: first.data.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: TOOL_RESULT }] },
    );
    const second = await client.messages.create({ model, max_tokens, messages, tools: [weatherTool] }).withResponse();
    return {
      first: summary(first.data),
      second: summary(second.data),
      requestIds: [requestIdOf(first.response), requestIdOf(second.response)],
    };
  },

  async image() {
    const { data, response } = await client.messages
      .create({
        model,
        max_tokens,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
              { type: 'text', text: 'Describe this image' },
            ],
          },
        ],
      })
      .withResponse();
    return { ...summary(data), requestIds: [requestIdOf(response)] };
  },

  async 'count-tokens'() {
    const { data, response } = await client.messages
      .countTokens({ model, messages: [{ role: 'user', content: 'How many tokens is this sentence?' }] })
      .withResponse();
    return { inputTokens: data.input_tokens, requestIds: [requestIdOf(response)] };
  },

  async models() {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    return { ids };
  },

  async forbidden() {
    return expectError(() =>
      client.messages.create(
        { model, max_tokens, messages: [{ role: 'user', content: 'let me in' }] },
        { headers: { 'X-Request-Id': setting('SB_REQUEST_ID') } },
      ),
    );
  },
});
