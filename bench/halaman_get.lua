-- wrk script for GET benchmarks of logged-in pages (bench/tim_penilaian.py): every request carries the session
-- cookie of BENCH_COOKIE (empty: an anonymous request, the floor) and counts the status codes.
--
-- Environment:
--   BENCH_COOKIE   "sessionid=...; csrftoken=..." or empty
--   BENCH_HASIL    file written at the end (bench/umum/hasil.lua): request count, duration, socket errors,
--                  status codes

local hasil = require("hasil")

dikirim = 0
ok = 0
gagal = 0
kode = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local cookie = os.getenv("BENCH_COOKIE") or ""

function request()
  dikirim = dikirim + 1
  if cookie == "" then
    return wrk.format("GET")
  end
  return wrk.format("GET", nil, {["Cookie"] = cookie})
end

function response(status, headers, body)
  kode[status] = (kode[status] or 0) + 1
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    gagal = gagal + 1
  end
end

done = hasil.penutup(threads)
