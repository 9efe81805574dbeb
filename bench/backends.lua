-- bench/backends.lua - wrk script for bench/backends.sh: GET PATTERN with "{crn}" replaced per
-- request by a random line of CRN_FILE.
--
--   wrk -t2 -c32 -d10s -H "Authorization: Bearer $TOKEN" -s bench/backends.lua \
--       http://127.0.0.1:PORT -- PATTERN [CRN_FILE [SEED]]
--
-- Each wrk thread has its own Lua state seeded with SEED*1000 + its number, so runs against the
-- two backends draw the same CRN sequence per thread. done() prints one line for backends.sh:
--   BENCH requests=N duration_us=N p50_us=N p99_us=N max_us=N errors=N non2xx=N

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_no", thread_count)
end

local pattern, crns

function init(args)
  pattern = args[1] or "/health"
  if args[2] and args[2] ~= "-" then
    crns = {}
    local f = assert(io.open(args[2], "r"), "cannot open " .. args[2])
    for line in f:lines() do
      if line ~= "" then crns[#crns + 1] = line end
    end
    f:close()
    assert(#crns > 0, args[2] .. " is empty")
  end
  math.randomseed((tonumber(args[3] or "1") or 1) * 1000 + (thread_no or 0))
  for _ = 1, 10 do math.random() end
end

function request()
  if crns then
    local crn = crns[math.random(#crns)]
    return wrk.format(nil, (pattern:gsub("{crn}", crn)))
  end
  return wrk.format(nil, pattern)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
