-- Caller admission in one atomic step: rolling-minute request log and in-flight leases.
-- KEYS[1] sorted set of admissions in the window (score = admission time, ms)
-- KEYS[2] sorted set of in-flight requests (score = lease expiry, ms)
-- ARGV: rpm limit (0 = none), concurrency limit (0 = none), window ms, lease ms,
--       record (1 = the gateway already admitted these requests optimistically: record them whatever the counts),
--       the number of released slots that follow, those released admission ids (removed before counting, so a
--       replica's own releases are never counted against its next admission of the caller),
--       then the admission ids (one to decide, one or more to record)
-- Returns {verdict, retry_ms, requests in window, requests in flight} (counts after this call):
-- verdict 0 admitted, 1 over rpm, 2 over concurrency. Nothing is recorded for a refused request.
-- Redis' own clock is used so that every replica agrees.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rpm = tonumber(ARGV[1])
local concurrent = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
local record = ARGV[5] == '1'
local released = tonumber(ARGV[6])
local first_id = 7 + released
local count = #ARGV - first_id + 1

local requests = 0
local inflight = 0
if rpm > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
  requests = redis.call('ZCARD', KEYS[1])
end
if released > 0 then
  redis.call('ZREM', KEYS[2], unpack(ARGV, 7, 6 + released))
end
if concurrent > 0 then
  -- expired leases belong to requests whose release never came (a replica crashed mid-request)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  inflight = redis.call('ZCARD', KEYS[2])
end
if not record then
  if rpm > 0 and requests >= rpm then
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return {1, tonumber(oldest[2]) + window - now, requests, inflight}
  end
  if concurrent > 0 and inflight >= concurrent then
    return {2, 1000, requests, inflight}
  end
end
for i = first_id, #ARGV do
  if rpm > 0 then
    redis.call('ZADD', KEYS[1], now, ARGV[i])
  end
  if concurrent > 0 then
    redis.call('ZADD', KEYS[2], now + lease, ARGV[i])
  end
end
if rpm > 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  requests = requests + count
end
if concurrent > 0 then
  redis.call('PEXPIRE', KEYS[2], lease)
  inflight = inflight + count
end
return {0, 0, requests, inflight}
