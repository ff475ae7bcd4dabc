-- wrk script of bench/aktivitas_submit.py: POST a new activity the way the daily page's quick entry form does
-- (htmx, multipart/form-data, CSRF token) for many logged-in pegawai in turn, each request in a time slot of its
-- own so none is refused for overlapping.
--
-- Environment:
--   BENCH_SESI     file with one line per pegawai: "<sessionid> <csrftoken> <rhk id> <index>"
--   BENCH_THREADS  wrk's -t (sessions are split between threads, so no two threads share a pegawai)
--   BENCH_TANGGAL  the activity date (today, YYYY-MM-DD)
--   BENCH_SLOT     first slot number (2-minute slots from 00:00; a day has 720)
--   BENCH_HASIL    file written at the end (bench/umum/hasil.lua): counts, status codes and the id of every 2xx
--   BENCH_PATH     the endpoint (default /kinerja/aktivitas/tambah/)
--   BENCH_MODE     "aktivitas" (default); "get": a plain GET of BENCH_PATH without cookies (the floor); "get_sesi":
--                  the same GET carrying the session cookies of BENCH_SESI in turn (a logged-in request)

local hasil = require("hasil")
local threads = {}
local jumlah_thread = 0

function setup(thread)
  jumlah_thread = jumlah_thread + 1
  thread:set("id_thread", jumlah_thread)
  table.insert(threads, thread)
end

-- Thread state (globals, so done() can read them through thread:get).
sesi = {}
giliran = 0
dikirim = 0
ok = 0
gagal = 0
kode = {}
ok_ids = {}

local BATAS = "----benchaktivitas7d1f"
local path = os.getenv("BENCH_PATH") or "/kinerja/aktivitas/tambah/"
local tanggal = os.getenv("BENCH_TANGGAL")
local slot_awal = tonumber(os.getenv("BENCH_SLOT") or "0")
local mode = os.getenv("BENCH_MODE") or "aktivitas"

function init(args)
  if mode == "get" then
    return
  end
  local n = tonumber(os.getenv("BENCH_THREADS") or "1")
  local i = 0
  for baris in io.lines(os.getenv("BENCH_SESI")) do
    local s, c, r, indeks = baris:match("^(%S+) (%S+) (%S+) (%S+)$")
    if s and i % n == id_thread - 1 then
      table.insert(sesi, {sessionid = s, csrf = c, rhk = r, indeks = indeks, slot = slot_awal})
    end
    i = i + 1
  end
end

local function jam(menit)
  return string.format("%02d:%02d", math.floor(menit / 60), menit % 60)
end

local function bagian(nama, nilai)
  return "--" .. BATAS .. "\r\nContent-Disposition: form-data; name=\"" .. nama .. "\"\r\n\r\n" .. nilai .. "\r\n"
end

function request()
  if mode == "get" then
    dikirim = dikirim + 1
    return wrk.format("GET", path)
  end
  giliran = giliran % #sesi + 1
  local s = sesi[giliran]
  if mode == "get_sesi" then
    dikirim = dikirim + 1
    return wrk.format("GET", path, {["Cookie"] = "sessionid=" .. s.sessionid .. "; csrftoken=" .. s.csrf})
  end
  local slot = s.slot
  s.slot = s.slot + 1
  dikirim = dikirim + 1
  local id = s.indeks .. ":" .. slot
  local body = bagian("csrfmiddlewaretoken", s.csrf)
    .. bagian("tanggal", tanggal)
    .. bagian("pilihan", "rhk-" .. s.rhk)
    .. bagian("uraian", "Uji beban " .. id .. ": menyusun bahan laporan kegiatan")
    .. bagian("jam_mulai", jam(slot * 2))
    .. bagian("jam_selesai", jam(slot * 2 + 2))
    .. bagian("volume", "1")
    .. bagian("satuan", "dokumen")
    .. bagian("alasan_kategori", "")
    .. bagian("lokasi", "")
    .. bagian("tautan", "")
    .. "--" .. BATAS .. "--\r\n"
  local headers = {
    ["Cookie"] = "sessionid=" .. s.sessionid .. "; csrftoken=" .. s.csrf,
    ["Content-Type"] = "multipart/form-data; boundary=" .. BATAS,
    ["HX-Request"] = "true",
    ["HX-Current-URL"] = "http://127.0.0.1/kinerja/",
    ["X-CSRFToken"] = s.csrf,
    ["X-Bench-Id"] = id,
  }
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  kode[status] = (kode[status] or 0) + 1
  if status >= 200 and status < 300 then
    ok = ok + 1
    if mode == "aktivitas" then
      ok_ids[ok] = headers["X-Bench-Id"] or "?"
    end
  else
    gagal = gagal + 1
  end
end

done = hasil.penutup(threads)
