// The demo's IT architecture inventory: about sixty applications of the kabupaten and its OPDs, their data sets and
// the server room and network links, imported as the CSV files an agency would upload (so the seed goes through the
// same checks, and importing again changes nothing). Real-looking duplicates: three agencies each run their own
// letter-archive application (the function of SRIKANDI), two their own staff attendance system, and Dinkes keeps a
// staff system beside the national SIASN.
#include "architecture/service.hpp"
#include "demo/detail.hpp"

namespace spbe::demo::detail {
namespace {

constexpr const char* kDatasets = R"(instansi,nama,pemilik,klasifikasi,data_pribadi,frekuensi,terbuka,status,keterangan
labuhanbatu,Data Pegawai ASN,BKPSDM,terbatas,ya,monthly,tidak,live,Profil dan riwayat jabatan ASN
labuhanbatu,Data APBD,BPKAD,publik,tidak,yearly,ya,live,Anggaran dan realisasi per OPD
labuhanbatu,Data Aset Daerah,BPKAD,internal,tidak,yearly,tidak,live,Kartu inventaris barang
disdukcapil,Data Kependudukan,Bidang PIAK,rahasia,ya,daily,tidak,live,NIK dan kartu keluarga
disdukcapil,Data Akta Kelahiran,Bidang Pencatatan Sipil,terbatas,ya,daily,tidak,live,
dinkes,Data Pasien Puskesmas,Bidang Pelayanan Kesehatan,rahasia,ya,realtime,tidak,live,Rekam medis elektronik
dinkes,Data Fasilitas Kesehatan,Bidang SDK,publik,tidak,yearly,ya,live,
dinkes,Data Gizi Balita,Bidang Kesehatan Masyarakat,terbatas,ya,monthly,tidak,live,
dpmptsp,Data Perizinan Berusaha,Bidang Perizinan,internal,tidak,daily,tidak,live,
dpmptsp,Statistik Investasi,Bidang Penanaman Modal,publik,tidak,quarterly,ya,live,
dpupr,Data Ruas Jalan,Bidang Bina Marga,publik,tidak,yearly,ya,live,Panjang dan kondisi ruas jalan kabupaten
dpupr,Data Jaringan Irigasi,Bidang SDA,internal,tidak,yearly,tidak,live,
dinsos,Data Terpadu Kesejahteraan Sosial (DTKS),Bidang Perlindungan dan Jaminan Sosial,terbatas,ya,monthly,tidak,live,
dinsos,Data Penyandang Disabilitas,Bidang Rehabilitasi Sosial,terbatas,ya,quarterly,tidak,live,
diskominfo,Data Statistik Sektoral,Bidang Statistik,publik,tidak,yearly,ya,live,
diskominfo,Data Pengaduan Masyarakat,Bidang IKP,internal,ya,daily,tidak,live,
inspektorat,Data Temuan Pemeriksaan,Irban Wilayah I,rahasia,tidak,ad_hoc,tidak,live,
)";

constexpr const char* kApplications =
    R"(instansi,nama,fungsi,unit_pemilik,pengguna,status,hosting,sumber,aplikasi_nasional,data,layanan_disediakan,layanan_digunakan,biaya_tahunan,keterangan
labuhanbatu,SIPD Labuhanbatu,ADM.03,BPKAD,320,live,pdn,national,,Data APBD,,,0,Perencanaan dan penganggaran daerah
labuhanbatu,SIASN Labuhanbatu,ADM.06,BKPSDM,45,live,pdn,national,,Data Pegawai ASN,,,0,
labuhanbatu,SPSE LPSE Labuhanbatu,ADM.05,Bagian Pengadaan Barang dan Jasa,210,live,pdn,national,,,,,12000000,
labuhanbatu,e-Kinerja Labuhanbatu,ADM.08,BKPSDM,4200,live,pdn,national,,,,,0,
labuhanbatu,SIMDA BMD,ADM.09,BPKAD,64,live,own,bought,,Data Aset Daerah,,,150000000,Pengelolaan barang milik daerah
labuhanbatu,e-Planning Bappeda,ADM.02,Bappeda,96,live,own,built,,,,,60000000,
labuhanbatu,Portal Resmi Kabupaten Labuhanbatu,ADM.15,Bagian Prokopim,12,live,cloud,built,,,,,24000000,
labuhanbatu,JDIH Labuhanbatu,ADM.14,Bagian Hukum,8,live,own,built,,,,,15000000,
labuhanbatu,e-SAKIP Labuhanbatu,ADM.11,Bagian Organisasi,70,live,own,built,,,,,35000000,
labuhanbatu,SIMKEU BPKAD,ADM.04,BPKAD,110,live,own,bought,,Data APBD,,,180000000,Penatausahaan dan akuntansi
labuhanbatu,Siskeudes,SEK.13,Dinas PMD,209,live,own,national,Siskeudes (BPKP),,,,0,Keuangan desa
labuhanbatu,e-Learning ASN,ADM.19,BKPSDM,0,planned,cloud,built,,,,,40000000,Direncanakan 2027
labuhanbatu,Aplikasi Rapat Virtual Setda,ADM.17,Sekretariat Daerah,150,live,cloud,bought,,,,,30000000,
diskominfo,SP4N-LAPOR! Labuhanbatu,ADM.12,Bidang IKP,25,live,pdn,national,,Data Pengaduan Masyarakat,,,0,
diskominfo,Portal Satu Data Labuhanbatu,ADM.13,Bidang Statistik,18,live,own,built,,Data Statistik Sektoral,,,20000000,
diskominfo,PPID Online,ADM.16,Bidang IKP,30,live,own,built,,,,,10000000,
diskominfo,Helpdesk TIK Diskominfo,ADM.18,Bidang Aptika,14,live,own,built,,,,,5000000,
diskominfo,Sistem Monitoring Jaringan,SEK.16,Bidang Aptika,6,live,own,bought,,,,,45000000,
diskominfo,SPBE Terpadu,SEK.16,Bidang Aptika,2400,live,own,built,,,,,90000000,Portal layanan publik dan konsol petugas
diskominfo,Sistem Sertifikat Elektronik Daerah,SEK.21,Bidang Persandian,9,live,own,bought,,,,,25000000,
diskominfo,Statistik Sektoral Labuhanbatu,SEK.20,Bidang Statistik,22,live,own,built,,Data Statistik Sektoral,,,8000000,
dpmptsp,OSS RBA,SEK.18,Bidang Perizinan,35,live,pdn,national,,Data Perizinan Berusaha,,,0,
dpmptsp,SiCantik Cloud,SEK.18,Bidang Perizinan,28,retired,cloud,national,SiCantik Cloud (Kementerian Kominfo),,,,0,Diganti Sistem Perizinan Online
dpmptsp,Sistem Perizinan Online DPMPTSP,SEK.18,Bidang Pelayanan Perizinan,40,live,own,built,,Data Perizinan Berusaha,dpmptsp-labuhanbatu/oss-daerah/nib,disdukcapil-labuhanbatu/siak/penduduk,75000000,
dpmptsp,SIMBG Labuhanbatu,SEK.04,Bidang Perizinan,12,live,pdn,national,SIMBG (Kementerian PUPR),,,,0,Persetujuan bangunan gedung
dpmptsp,Aplikasi Antrean DPMPTSP,SEK.18,Sekretariat,6,live,own,bought,,,,,12000000,
dpmptsp,Sistem Informasi Penanaman Modal,SEK.18,Bidang Penanaman Modal,10,live,own,built,,Statistik Investasi,,,18000000,
disdukcapil,SIAK Terpusat,SEK.12,Bidang PIAK,38,live,pdn,national,,Data Kependudukan,disdukcapil-labuhanbatu/siak/penduduk,,0,
disdukcapil,Dukcapil Online Labuhanbatu,SEK.12,Bidang PIAK,24,live,own,built,,Data Kependudukan,,disdukcapil-labuhanbatu/siak/penduduk,55000000,
disdukcapil,Presensi Online Disdukcapil,ADM.07,Sekretariat,72,live,own,built,,,,,18000000,Presensi pegawai dengan swafoto dan lokasi
disdukcapil,Sistem Antrean Disdukcapil,SEK.12,Sekretariat,8,live,own,bought,,,,,14000000,
disdukcapil,Layanan Akta Kelahiran Online,SEK.12,Bidang Pencatatan Sipil,0,planned,own,built,,Data Akta Kelahiran,,,30000000,
disdukcapil,Aplikasi Jemput Bola Adminduk,SEK.12,Bidang PIAK,16,live,own,built,,Data Kependudukan,,,9000000,
dinkes,SATUSEHAT Labuhanbatu,SEK.02,Bidang SDK,60,live,pdn,national,,Data Pasien Puskesmas,,,0,
dinkes,SIMPUS Puskesmas,SEK.02,Bidang Pelayanan Kesehatan,340,live,cloud,bought,,Data Pasien Puskesmas,,,210000000,Di 22 puskesmas
dinkes,SIKDA Generik,SEK.02,Bidang SDK,45,live,own,built,,,,,20000000,
dinkes,SIMPEG Dinkes,ADM.06,Subbagian Umum dan Kepegawaian,1150,live,own,built,,,,,38000000,Kepegawaian tenaga kesehatan
dinkes,e-Arsip Surat Dinkes,ADM.01,Subbagian Umum dan Kepegawaian,95,live,own,built,,,,,42000000,Surat masuk dan keluar serta arsip
dinkes,e-Absensi Dinkes,ADM.07,Subbagian Umum dan Kepegawaian,1150,live,cloud,bought,,,,,96000000,Presensi pegawai puskesmas
dinkes,e-PPGBM Labuhanbatu,SEK.02,Bidang Kesehatan Masyarakat,44,live,pdn,national,e-PPGBM (Kementerian Kesehatan),Data Gizi Balita,,,0,
dinkes,SISRUTE,SEK.02,Bidang Pelayanan Kesehatan,30,live,pdn,national,SISRUTE (Kementerian Kesehatan),,,,0,Rujukan terintegrasi
dinkes,SIGA Labuhanbatu,SEK.14,Bidang Kesehatan Masyarakat,20,live,pdn,national,SIGA (BKKBN),,,,0,
dpupr,e-Surat DPUPR,ADM.01,Sekretariat,85,live,own,built,,,,,45000000,Tata naskah dinas elektronik
dpupr,SIPJALAN,SEK.03,Bidang Bina Marga,26,live,own,built,,Data Ruas Jalan,,,48000000,Sistem informasi jalan dan jembatan
dpupr,Sistem Informasi Irigasi,SEK.03,Bidang SDA,12,live,own,built,,Data Jaringan Irigasi,,,22000000,
dpupr,Sistem Informasi Tata Ruang,SEK.03,Bidang Penataan Ruang,15,live,cloud,built,,,,,36000000,
dpupr,e-Monev Konstruksi,SEK.03,Bidang Bina Konstruksi,30,live,cloud,bought,,,,,27000000,
dpupr,Sistem Informasi Air Minum,SEK.03,Bidang Cipta Karya,9,planned,own,built,,,,,25000000,
dinsos,Arsip Digital Dinsos,ADM.01,Sekretariat,40,live,own,built,,,,,28000000,Pengarsipan surat dan dokumen bantuan
dinsos,SIKS-NG Labuhanbatu,SEK.06,Bidang Perlindungan dan Jaminan Sosial,52,live,pdn,national,,Data Terpadu Kesejahteraan Sosial (DTKS),,,0,
dinsos,Sistem Informasi Bansos Daerah,SEK.06,Bidang Perlindungan dan Jaminan Sosial,35,live,own,built,,Data Terpadu Kesejahteraan Sosial (DTKS),,disdukcapil-labuhanbatu/siak/penduduk,60000000,
dinsos,Aplikasi Data Disabilitas,SEK.06,Bidang Rehabilitasi Sosial,10,live,own,built,,Data Penyandang Disabilitas,,,12000000,
dinsos,e-PKH Pendamping,SEK.06,Bidang Perlindungan dan Jaminan Sosial,48,live,cloud,built,,,,,15000000,
dinsos,SIMFONI-PPA Labuhanbatu,SEK.08,Bidang Pemberdayaan Perempuan,7,live,pdn,national,SIMFONI-PPA (KemenPPPA),,,,0,
inspektorat,SIPIP Inspektorat,ADM.10,Irban Wilayah I,30,live,own,built,,Data Temuan Pemeriksaan,,,26000000,Sistem informasi pengawasan internal
inspektorat,e-Audit Inspektorat,ADM.10,Sekretariat,30,live,cloud,bought,,Data Temuan Pemeriksaan,,,54000000,
inspektorat,Whistleblowing System,ADM.10,Irban Investigasi,5,live,own,built,,,,,6000000,
inspektorat,SIMTL Hasil Pemeriksaan,ADM.10,Irban Wilayah II,0,planned,own,built,,,,,20000000,Tindak lanjut hasil pemeriksaan
inspektorat,Aplikasi Gratifikasi Online,ADM.10,Irban Investigasi,4,retired,own,built,,,,,0,Digantikan Whistleblowing System
)";

constexpr const char* kInfrastructure = R"(instansi,jenis,nama,lokasi,kapasitas,penyedia,status,keterangan
diskominfo,server_room,Ruang Server Diskominfo,"Kantor Diskominfo, Jl. SM Raja, Rantauprapat","8 rak, 20 kVA",,live,Pusat data daerah dengan UPS dan genset
diskominfo,network_link,Jaringan Intra Pemerintah Labuhanbatu,Seluruh OPD di Rantauprapat,1 Gbps (serat optik),Diskominfo,live,Jaringan tertutup antar-OPD
diskominfo,network_link,Link ke Pusat Data Nasional,Ruang Server Diskominfo - PDN,100 Mbps,Kementerian Komunikasi dan Digital,live,
diskominfo,network_link,Akses Internet Pemerintah Daerah,Ruang Server Diskominfo,500 Mbps,PT Telkom Indonesia,live,
labuhanbatu,server_room,Ruang Server BPKAD,"Kantor Bupati, Lantai 2","2 rak, 5 kVA",,live,Server SIMDA
dinkes,data_centre,Cloud SIMPUS,Jakarta,"4 vCPU, 16 GB, 500 GB",Penyedia cloud nasional,live,
)";

}  // namespace

Status SeedArchitecture(storage::Database& db, const Config&, org::OrgService& org, std::int64_t kab,
                        const std::map<std::string, std::int64_t>&) {
  access::Actor admin;
  admin.platform = true;
  admin.grants = {{kab, access::Role::kAdminPlatform}};
  auto store = architecture::MakeSqlArchitectureStore();
  architecture::ArchitectureService inventory(db, *store, org, SystemClock());
  // Data sets first: the applications name the ones they hold.
  for (auto [kind, csv] : {std::pair{architecture::Kind::kDatasets, kDatasets},
                           std::pair{architecture::Kind::kApplications, kApplications},
                           std::pair{architecture::Kind::kInfrastructure, kInfrastructure}}) {
    auto report = inventory.Import(admin, kab, kind, csv, "id");
    if (!report.ok()) return Failed("architecture import", report.error());
    if (!report->errors.empty()) {
      return Error::Of(ErrorCode::kInternal, "demo architecture, " + std::string(architecture::KindName(kind)) + ": " +
                                                 report->errors.front().detail);
    }
  }
  return Ok{};
}

}  // namespace spbe::demo::detail
