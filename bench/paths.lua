-- bench/paths.lua - wrk script: GET a path pattern filled with random CRNs (and usernames).
--
--   wrk -t2 -c50 -d10s --latency -H "Authorization: Bearer $TOKEN" \
--       -s bench/paths.lua http://127.0.0.1:PORT -- PATTERN [CRN_FILE [USER_FILE [SEED [CASE_FILE]]]]
--
-- PATTERN   the request path; "{crn}" and "{user}" are replaced per request by a random
--           line of CRN_FILE / USER_FILE (one value a line). "/health" needs no file;
--           "-" stands for "no file".
-- CASE_FILE lines "CRN CONVICTION_ID": a PATTERN with "{conviction}" takes both its "{crn}"
--           and its "{conviction}" from one random line (a conviction of that person).
-- SEED      fixed random seed (default 1). Each wrk thread has its own Lua state, seeded
--           with SEED*1000 + its thread number, so every run draws the same sequence per
--           thread (how requests interleave still depends on timing).
--
-- The same script and arguments drive deliusd and the nginx baseline (whose locations
-- map these paths to static files), so both see the same request bytes.
-- done() prints one machine-readable line for bench/run:
--   BENCH requests=N duration_us=N bytes=N p50_us=N p90_us=N p99_us=N max_us=N mean_us=N
--         err_connect=N err_read=N err_write=N err_timeout=N non2xx=N

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_no", thread_count)
end

local function read_lines(path)
  if not path or path == "" or path == "-" then return nil end
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  local t = {}
  for line in f:lines() do
    if line ~= "" then t[#t + 1] = line end
  end
  f:close()
  assert(#t > 0, path .. " is empty")
  return t
end

-- Percent-encodes everything outside RFC 3986 unreserved characters (usernames may hold spaces).
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local pattern, crns, users, cases

function init(args)
  pattern = args[1] or "/health"
  crns = read_lines(args[2])
  users = read_lines(args[3])
  if users then
    for i = 1, #users do users[i] = encode(users[i]) end
  end
  local seed = tonumber(args[4] or "1") or 1
  if pattern:find("{conviction}", 1, true) then
    cases = {}
    for _, line in ipairs(read_lines(args[5]) or {}) do
      local crn, id = line:match("^(%S+)%s+(%S+)$")
      if crn then cases[#cases + 1] = {crn, id} end
    end
    assert(#cases > 0, "PATTERN has {conviction} but no CASE_FILE lines")
  end
  math.randomseed(seed * 1000 + (thread_no or 0))
  -- LuaJIT's first draws after seeding are poorly spread: discard a few.
  for _ = 1, 10 do math.random() end
  if pattern:find("{crn}", 1, true) and not cases then assert(crns, "PATTERN has {crn} but no CRN_FILE") end
  if pattern:find("{user}", 1, true) then assert(users, "PATTERN has {user} but no USER_FILE") end
end

function request()
  local path = pattern
  if cases then
    local c = cases[math.random(#cases)]
    path = path:gsub("{crn}", function() return c[1] end):gsub("{conviction}", function() return c[2] end)
  elseif crns then
    local crn = crns[math.random(#crns)]
    path = path:gsub("{crn}", function() return crn end)
  end
  if users then
    local user = users[math.random(#users)]
    path = path:gsub("{user}", function() return user end)
  end
  return wrk.format(nil, path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d" ..
    " err_connect=%d err_read=%d err_write=%d err_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    math.floor(latency.mean + 0.5),
    e.connect, e.read, e.write, e.timeout, e.status))
end
