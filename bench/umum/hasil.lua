-- The result file of the wrk scripts of bench/, read by bench/umum.Hasil (wrk finds this module through the
-- LUA_PATH that bench/umum.wrk sets). Each script counts, in thread globals, the requests it sent (dikirim), the
-- 2xx answers (ok) and the others (gagal), per status code (kode) and, when it needs them, the ids of the 2xx
-- answers (ok_ids).
local M = {}

function M.tulis(summary, threads)
  local f = assert(io.open(os.getenv("BENCH_HASIL"), "w"))
  f:write(string.format("requests %d\nduration_us %d\n", summary.requests, summary.duration))
  local e = summary.errors
  f:write(string.format("errors %d %d %d %d %d\n", e.connect, e.read, e.write, e.status, e.timeout))
  for _, t in ipairs(threads) do
    f:write(string.format("dikirim %d\nok %d\ngagal %d\n", t:get("dikirim"), t:get("ok"), t:get("gagal")))
    for status, n in pairs(t:get("kode")) do
      f:write(string.format("kode %d %d\n", status, n))
    end
    for _, id in ipairs(t:get("ok_ids") or {}) do
      f:write("id " .. id .. "\n")
    end
  end
  f:close()
end

-- wrk's done(), writing the result of the threads that setup() collected in ``threads``.
function M.penutup(threads)
  return function(summary, latency, requests)
    M.tulis(summary, threads)
  end
end

return M
