#pragma once
/// An output document (a permit, a certificate) as a one-page A4 PDF, drawn with libharu: the government's and the
/// agency's header, the title, the number, to whom, the application's key data, the decision, where and when, the
/// signer, and a QR code of the public verification address (libqrencode). Blocking: call it on a worker thread.

#include <string>
#include <utility>
#include <vector>

#include "platform/result.hpp"

namespace spbe::documents {

struct Content {
  std::string government;                                  // "Pemerintah Kabupaten Labuhanbatu"
  std::string agency;                                      // "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
  std::string title;                                       // the service's output: "Surat Izin Penyelenggaraan Reklame"
  std::string number;                                      // the official number
  std::string recipient;                                   // the applicant's name as filed
  std::string application;                                 // "2611-4821-7305 · Izin Penyelenggaraan Reklame"
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  std::string decision;    // "Permohonan disetujui." or the fiktif positif grant with its legal basis
  std::string place_date;  // "Rantauprapat, 23 November 2026"
  std::string signer_position, signer_name;
  std::string verify_url;  // what the QR code holds
  std::string issued_at;   // UTC, the PDF's creation date
  std::string signer_nip;  // the officer's NIP, printed under the name
};

/// The PDF bytes; kInternal when libharu or libqrencode fail.
Result<std::string> RenderPdf(const Content& c);

}  // namespace spbe::documents
