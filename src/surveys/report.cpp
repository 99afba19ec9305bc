#include "surveys/report.hpp"

#include <fmt/format.h>

#include "platform/csv.hpp"
#include "platform/local_time.hpp"
#include "platform/pdf.hpp"

namespace spbe::surveys {
namespace {

// NRR to four decimals, as the regulation's tables show them (display only: the index is computed exactly).
std::string Four(double v) { return fmt::format("{:.4f}", v); }

}  // namespace

std::string ReportCsv(const Report& r) {
  CsvWriter w;
  w.Row({"unsur", "nama", "nrr", "nrr_tertimbang"});
  const auto& idx = r.result.index;
  for (int i = 0; i < kElements; ++i) {
    double nrr = idx ? idx->nrr[static_cast<std::size_t>(i)] : 0.0;
    w.Text(fmt::format("U{}", i + 1)).Text(ElementNames()[static_cast<std::size_t>(i)]);
    if (idx) {
      w.Figure(Four(nrr)).Figure(Four(nrr / kElements));
    } else {
      w.Empty().Empty();
    }
    w.EndRow();
  }
  w.EndRow();
  w.Row({"lingkup", r.scope});
  w.Row({"periode", r.from + " s.d. " + r.to});
  w.Text("responden").Figure(r.result.totals.respondents).EndRow();
  w.Text("permohonan_selesai").Figure(r.result.population).EndRow();
  w.Text("sampel_disarankan").Figure(r.result.recommended).EndRow();
  w.Row({"sampel_kurang", r.result.undersampled ? "ya" : "tidak"});
  if (idx) {
    w.Text("ikm").Figure(idx->Converted()).EndRow();
    w.Row({"mutu", std::string(1, idx->grade)});
    w.Row({"kinerja", idx->performance});
  }
  w.Row({"lisensi", "CC BY 4.0"});
  return w.Take();
}

Result<std::string> ReportPdf(const Report& r) {
  PdfWriter w;
  w.SetInfo("Laporan Indeks Kepuasan Masyarakat " + r.from + " - " + r.to, r.scope, r.issued_at);
  w.Centered("Laporan Indeks Kepuasan Masyarakat (IKM)", 15, true, 4);
  w.Centered(r.scope, 12, true, 4);
  w.Centered("Periode " + r.from + " s.d. " + r.to, 10, false, 10);
  w.Rule();
  const auto& idx = r.result.index;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < kElements; ++i) {
    double nrr = idx ? idx->nrr[static_cast<std::size_t>(i)] : 0.0;
    rows.push_back({fmt::format("U{}", i + 1), std::string(ElementNames()[static_cast<std::size_t>(i)]),
                    idx ? Four(nrr) : "-", idx ? Four(nrr / kElements) : "-"});
  }
  w.Table({"Unsur", "Nama unsur", "NRR", "NRR tertimbang (x 1/9)"}, rows, {1, 5, 1.5f, 2.5f});
  w.Space(6);
  w.Fact("Responden", fmt::format("{} (disarankan {} dari {} permohonan selesai)", r.result.totals.respondents,
                                  r.result.recommended, r.result.population));
  if (idx) {
    w.Fact("Nilai IKM (konversi)", idx->Converted());
    w.Fact("Mutu pelayanan", std::string(1, idx->grade) + " (" + std::string(idx->performance) + ")");
  } else {
    w.Fact("Nilai IKM", "belum ada responden");
  }
  if (r.result.undersampled) {
    w.Paragraph(
        "Catatan: jumlah responden belum mencapai sampel yang disarankan (Krejcie-Morgan); nilai ini belum "
        "mewakili seluruh penerima layanan.",
        9);
  }
  w.Space(8);
  w.Paragraph(
      "IKM = (jumlah NRR tiap unsur x 1/9) x 25, dibulatkan sekali di akhir ke dua desimal (PermenPANRB "
      "14/2017). Data terbuka, lisensi CC BY 4.0. Diterbitkan " +
          LocalDateText(r.issued_at, r.zone, "id") + " oleh SPBE Terpadu.",
      8);
  return w.Finish();
}

}  // namespace spbe::surveys
