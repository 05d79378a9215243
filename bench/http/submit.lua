-- wrk script: POST pre-signed envelopes (one JSON per line of the file given after --) to
-- /api/v1/protocols. Each wrk thread takes every n-th line, so no envelope is sent twice.
-- (wrk calls request() once before the run to probe the script, so one envelope is never sent.)
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local bodies, index = {}, 0
  for line in io.lines(args[1]) do
    if index % tonumber(args[2]) == id then table.insert(bodies, line) end
    index = index + 1
  end
  envelopes = bodies
  next_envelope = 1
  wrk.method = "POST"
  wrk.path = "/api/v1/protocols"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = envelopes[next_envelope]
  if body == nil then
    -- Out of envelopes: a cheap read, so the run ends without replaying anything.
    return wrk.format("GET", "/healthz", {}, "")
  end
  next_envelope = next_envelope + 1
  return wrk.format(nil, nil, nil, body)
end
