// The openai SDK against Switchboard's Chat Completions endpoint. Settings: SB_BASE_URL (…/v1), SB_TOKEN, SB_GROUP.
import { expectError, load, main, PNG_BASE64, requestIdOf, setting, TOOL_PROMPT, TOOL_RESULT } from './lib.mjs';

const { OpenAI } = await load('openai');
const client = new OpenAI({ baseURL: setting('SB_BASE_URL'), apiKey: setting('SB_TOKEN'), maxRetries: 0, timeout: 30_000 });
const model = setting('SB_GROUP');

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

function summary(completion) {
  const choice = completion.choices[0];
  return {
    object: completion.object,
    text: choice.message.content,
    finishReason: choice.finish_reason,
    toolCalls: (choice.message.tool_calls ?? []).map((c) => ({
      id: c.id,
      type: c.type,
      name: c.function.name,
      arguments: JSON.parse(c.function.arguments),
    })),
    usage: completion.usage ?? null,
  };
}

/** Reassembles a streamed answer the way SDK users do: content and tool-call fragments by index. */
async function collect(stream) {
  let text = '';
  let finishReason = null;
  let usage = null;
  let chunks = 0;
  const calls = [];
  for await (const chunk of stream) {
    chunks++;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    text += choice.delta?.content ?? '';
    for (const fragment of choice.delta?.tool_calls ?? []) {
      const call = (calls[fragment.index] ??= { id: null, name: '', arguments: '' });
      call.id = fragment.id ?? call.id;
      call.name += fragment.function?.name ?? '';
      call.arguments += fragment.function?.arguments ?? '';
    }
    finishReason = choice.finish_reason ?? finishReason;
  }
  const toolCalls = calls.map((c) => ({ ...c, arguments: JSON.parse(c.arguments) }));
  return { text, finishReason, usage, chunks, toolCalls };
}

await main({
  async text() {
    const { data, response, request_id } = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hello from the openai SDK' }] })
      .withResponse();
    return { ...summary(data), requestIds: [requestIdOf(response)], sdkRequestId: request_id ?? null };
  },

  async stream() {
    const { data, response } = await client.chat.completions
      .create({
        model,
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Stream a reply to the openai SDK' }],
      })
      .withResponse();
    return { ...(await collect(data)), requestIds: [requestIdOf(response)] };
  },

  async tools() {
    const messages = [{ role: 'user', content: TOOL_PROMPT }];
    const first = await client.chat.completions.create({ model, messages, tools: [weatherTool] }).withResponse();
    const call = first.data.choices[0].message.tool_calls?.[0];
    if (!call) {
      throw new Error(`no tool call in the first answer: ${JSON.stringify(first.data.choices[0]).slice(0, 300)}`);
    }
    messages.push(first.data.choices[0].message, { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT });
    const second = await client.chat.completions.create({ model, messages, tools: [weatherTool] }).withResponse();
    return {
      first: summary(first.data),
      second: summary(second.data),
      requestIds: [requestIdOf(first.response), requestIdOf(second.response)],
    };
  },

  async 'tools-stream'() {
    const messages = [{ role: 'user', content: TOOL_PROMPT }];
    const first = await client.chat.completions
      .create({ model, messages, tools: [weatherTool], stream: true })
      .withResponse();
    const streamed = await collect(first.data);
    const call = streamed.toolCalls[0];
    if (!call) {
      throw new Error(`no tool call in the streamed answer: ${JSON.stringify(streamed).slice(0, 300)}`);
    }
    messages.push(
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }],
      },
      { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT },
    );
    const second = await client.chat.completions
      .create({ model, messages, tools: [weatherTool], stream: true })
      .withResponse();
    return {
      first: streamed,
      second: await collect(second.data),
      requestIds: [requestIdOf(first.response), requestIdOf(second.response)],
    };
  },

  async image() {
    const { data, response } = await client.chat.completions
      .create({
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this image' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
            ],
          },
        ],
      })
      .withResponse();
    return { ...summary(data), requestIds: [requestIdOf(response)] };
  },

  async 'image-refused'() {
    return expectError(() =>
      client.chat.completions.create({
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this image' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
            ],
          },
        ],
      }),
    );
  },

  async models() {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    return { ids };
  },

  async forbidden() {
    return expectError(() =>
      client.chat.completions.create(
        { model, messages: [{ role: 'user', content: 'let me in' }] },
        { headers: { 'X-Request-Id': setting('SB_REQUEST_ID') } },
      ),
    );
  },
});
