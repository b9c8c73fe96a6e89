// The openai SDK against Switchboard's Responses endpoint. Settings: SB_BASE_URL (…/v1), SB_TOKEN, SB_GROUP.
import { expectError, load, main, PNG_BASE64, requestIdOf, setting, TOOL_PROMPT, TOOL_RESULT } from './lib.mjs';

const { OpenAI } = await load('openai');
const client = new OpenAI({ baseURL: setting('SB_BASE_URL'), apiKey: setting('SB_TOKEN'), maxRetries: 0, timeout: 30_000 });
const model = setting('SB_GROUP');

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

function summary(response) {
  return {
    object: response.object,
    status: response.status,
    // computed from the items, since stream events carry no output_text convenience field
    text: response.output
      .filter((item) => item.type === 'message')
      .flatMap((item) => item.content)
      .filter((part) => part.type === 'output_text')
      .map((part) => part.text)
      .join(''),
    sdkOutputText: response.output_text ?? null,
    outputTypes: response.output.map((item) => item.type),
    functionCalls: response.output
      .filter((item) => item.type === 'function_call')
      .map((item) => ({ callId: item.call_id, name: item.name, arguments: JSON.parse(item.arguments) })),
    usage: response.usage ?? null,
  };
}

async function collect(stream) {
  const types = [];
  let text = '';
  let completed = null;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed') completed = event.response;
  }
  return { eventTypes: [...new Set(types)], deltaText: text, completed: completed && summary(completed) };
}

await main({
  async text() {
    const { data, response, request_id } = await client.responses
      .create({ model, input: 'Hello from the Responses API', instructions: 'Answer briefly.' })
      .withResponse();
    return { ...summary(data), requestIds: [requestIdOf(response)], sdkRequestId: request_id ?? null };
  },

  async stream() {
    const { data, response } = await client.responses
      .create({ model, input: 'Stream a reply to the Responses API', stream: true })
      .withResponse();
    return { ...(await collect(data)), requestIds: [requestIdOf(response)] };
  },

  async tools() {
    // stateless, as a gateway that may route to another dialect requires: the history is sent back every time
    const input = [{ role: 'user', content: TOOL_PROMPT }];
    const first = await client.responses.create({ model, input, tools: [weatherTool], store: false }).withResponse();
    const call = first.data.output.find((item) => item.type === 'function_call');
    if (!call) {
      throw new Error(`no function call in the first answer: ${JSON.stringify(first.data.output).slice(0, 300)}`);
    }
    input.push(...first.data.output, { type: 'function_call_output', call_id: call.call_id, output: TOOL_RESULT });
    const second = await client.responses.create({ model, input, tools: [weatherTool], store: false }).withResponse();
    return {
      first: summary(first.data),
      second: summary(second.data),
      requestIds: [requestIdOf(first.response), requestIdOf(second.response)],
    };
  },

  async image() {
    const { data, response } = await client.responses
      .create({
        model,
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Describe this image' },
              { type: 'input_image', image_url: `data:image/png;base64,${PNG_BASE64}`, detail: 'auto' },
            ],
          },
        ],
      })
      .withResponse();
    return { ...summary(data), requestIds: [requestIdOf(response)] };
  },

  async forbidden() {
    return expectError(() =>
      client.responses.create(
        { model, input: 'let me in' },
        { headers: { 'X-Request-Id': setting('SB_REQUEST_ID') } },
      ),
    );
  },
});
