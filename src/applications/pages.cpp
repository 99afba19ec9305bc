#include "applications/pages.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <map>

#include "applications/form_fields.hpp"
#include "http/forms.hpp"
#include "http/multipart.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::applications {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

// The bill of a file as its page shows it: the code grouped for reading aloud at a bank counter.
json::value BillView(const std::optional<BillInfo>& bill, const i18n::Catalog& t, std::string_view lang,
                     TimeZone zone) {
  if (!bill) return nullptr;
  std::string code = FormatBillingCode(bill->billing_code);
  json::array channels;
  for (const auto& c : bill->channels) channels.emplace_back(c);
  return json::object{{"code", code},
                      {"amount", i18n::FormatRupiah(bill->amount)},
                      {"expires", LocalDateTimeText(bill->expires_at, zone, lang)},
                      {"status", t.Text(lang, "bill_status_" + bill->status)},
                      {"unpaid", bill->status == "unpaid"},
                      {"expired", bill->status == "expired"},
                      {"paid", bill->status == "paid"},
                      {"paid_at", LocalDateTimeText(bill->paid_at, zone, lang)},
                      {"channels", std::move(channels)}};
}
using catalog::FieldType;

Response SignInFirst(const Request& req) { return Response::Redirect("/masuk?kembali=" + http::UrlEncode(req.target)); }

// A stored UTC time as the local date of the agency: "2 Desember 2026".
std::string Date(const std::string& utc, TimeZone zone, std::string_view lang) {
  return LocalDateText(utc, zone, lang);
}

// Text values of a multipart form (files aside), as the JSON object the service validates.
json::object FormData(const std::vector<http::Part>& parts, const catalog::Form& form) {
  json::object data;
  for (const auto& p : parts) {
    const catalog::FormField* f = form.Find(p.name);
    if (!f || f->type == FieldType::kFile || p.body.empty()) continue;
    data[p.name] = p.body;
  }
  return data;
}

// The values a new form starts with: the applicant's own name, NIK, phone and e-mail where the form asks for them
// (a field for someone else, such as a child's name or a parent's NIK, starts empty).
json::object Prefilled(const catalog::Form& form, const KnownApplicant& k) {
  json::object values;
  for (const auto& f : form.fields) {
    const std::string* v = nullptr;
    if (f.type == FieldType::kNik && (f.name == "nik" || f.name == "nik_pemohon")) v = &k.nik;
    if (f.type == FieldType::kPhone) v = &k.phone;
    if (f.type == FieldType::kEmail) v = &k.email;
    if (f.type == FieldType::kText && (f.name == "nama" || f.name == "nama_lengkap" || f.name == "nama_pemohon"))
      v = &k.name;
    if (v && !v->empty()) values[f.name] = *v;
  }
  return values;
}

// The form of a service version, with values and errors by field.

// The form page: new (tracking number empty) or a draft / returned file being edited.
struct FormPage {
  const http::Views& views;
  org::OrgService& org;

  Response operator()(const Request& req, int status, const catalog::ServiceView& sv, const std::string& tn,
                      const json::object& values, const std::vector<FieldError>& errors,
                      const std::vector<FileRow>& files, const std::string& to_fix, const std::string& key = "",
                      const std::map<std::string, std::string>& notes = {}) const {
    const auto& t = views.catalog();
    std::map<std::string, std::string> by_field;
    for (const auto& e : errors) by_field.emplace(e.field, e.message);
    // The summary names each field, in the form's order, and links to it; an error of no field goes last.
    json::array list;
    for (const auto& f : sv.definition.form.fields) {
      if (auto it = by_field.find(f.name); it != by_field.end())
        list.push_back({{"field", f.name}, {"message", f.label.In(req.lang) + ": " + it->second}});
    }
    for (const auto& e : errors) {
      if (!sv.definition.form.Find(e.field)) list.push_back({{"field", e.field}, {"message", e.message}});
    }
    json::object data{
        {"service_name", sv.definition.name.In(req.lang)},
        {"page_title", sv.definition.name.In(req.lang)},
        {"agency", sv.service.node_name},
        {"slug", sv.service.slug},
        {"days", sv.definition.time_limit_days},
        {"fee", sv.definition.fee.kind == catalog::FeeKind::kFree ? t.Text(req.lang, "catalog_free")
                                                                  : i18n::FormatRupiah(sv.definition.fee.amount)},
        {"action", tn.empty() ? "/layanan/" + sv.service.slug + "/ajukan" : "/permohonan/" + tn + "/ubah"},
        {"tracking_number", tn},
        {"to_fix", to_fix},
        {"fields", FormFields(org, sv, values, by_field, files, notes, req.lang)},
        {"has_errors", !errors.empty()},
        {"error_list", std::move(list)}};
    // Fetching data is offered on the first filling of a form (a draft or a correction keeps what was entered).
    if (!tn.empty()) {
      for (auto& f : data["fields"].as_array()) f.as_object().erase("prefill");
    }
    // A new form carries a key of its own: the same form sent twice (a refresh, a second tap over a slow link) files
    // once and shows the first receipt again.
    if (tn.empty()) data["idempotency_key"] = key.empty() ? crypto::RandomHex(16) : key;
    return views.Page(req, status, "applications/form", std::move(data), "apply_title");
  }
};

// Stores what a posted form carries: text values, then each attached file; returns the errors by field.
struct SavePosted {
  ApplicationsService& service;

  std::vector<FieldError> operator()(const Request& req, const std::string& tn, const std::vector<http::Part>& parts,
                                     const json::object& data) const {
    std::vector<FieldError> errors;
    auto saved = service.SaveData(req.actor(), tn, data, req.lang);
    if (!saved.ok()) errors = saved.error().fields;
    for (const auto& p : parts) {
      if (!p.is_file || p.body.empty()) continue;
      auto up = service.Upload(req.actor(), tn, p.name, p.file_name, p.body, req.lang);
      if (!up.ok()) errors.insert(errors.end(), up.error().fields.begin(), up.error().fields.end());
    }
    return errors;
  }
};

// The receipt of a filing, or of a correction sent back.
struct SubmittedPage {
  const http::Views& views;

  Response operator()(const Request& req, const Filed& filed, const std::string& service_name, bool resubmitted,
                      TimeZone zone) const {
    json::object data{{"tracking_number", filed.tracking_number},
                      {"access_code", filed.access_code},
                      {"due_date", Date(filed.due_at, zone, req.lang)},
                      {"fee", filed.fee_amount > 0 ? i18n::FormatRupiah(filed.fee_amount) : ""},
                      {"service_name", service_name},
                      {"resubmitted", resubmitted}};
    return views.Page(req, 200, "applications/submitted", std::move(data), "submitted_title");
  }
};

// Filing from a service's form: /layanan/{slug}/ajukan, the form and what it posts.
http::Handler ApplyForm(const http::Views& views, catalog::CatalogService& catalog, org::OrgService& org,
                        const PageLinks& links) {
  FormPage form_page{views, org};
  return [&catalog, &views, form_page, known = links.known](Request& req) {
    if (req.actor().anonymous()) return SignInFirst(req);
    auto sv = catalog.Published(req.params["slug"]);
    if (!sv.ok()) return views.ErrorPage(req, 404);
    // Officers and other systems file nothing: say so rather than show a form that cannot be sent.
    if (req.actor().kind != access::AccountKind::kWarga && req.actor().kind != access::AccountKind::kPelakuUsaha) {
      return views.FailurePage(
          req, Error::Of(ErrorCode::kForbidden, i18n::Tr(req.lang, "applications_applicant_account_only")));
    }
    json::object values;
    if (known) {
      if (auto k = known(req.actor())) values = Prefilled(sv->definition.form, *k);
    }
    return form_page(req, 200, *sv, "", values, {}, {}, "");
  };
}

// "Ambil data" beside a field that fills others (once only): the form comes back with them filled from the agency
// that holds the data, or with a note to type them; nothing is filed or saved.
Response FillFromBus(const Request& req, const FormPage& form_page, const catalog::ServiceView& sv, json::object data,
                     const std::string& field, const std::string& key, Lookups* lookups) {
  const catalog::FormField* f = sv.definition.form.Find(field);
  if (!f || !f->prefill) return form_page.views.ErrorPage(req, 400);
  std::map<std::string, std::string> notes;
  std::vector<FieldError> errors;
  std::string value;
  if (auto* v = data.if_contains(field); v && v->is_string()) value = std::string(v->as_string());
  if (value.empty() || value.size() > 100) {
    errors.push_back({field, i18n::Tr(req.lang, "apply_prefill_value_first")});
  } else if (f->type == FieldType::kNik && (value.size() != 16 || !std::all_of(value.begin(), value.end(), [](char c) {
                                              return c >= '0' && c <= '9';
                                            }))) {
    errors.push_back({field, i18n::Tr(req.lang, "apply_prefill_nik_shape")});
  } else {
    auto filled = lookups ? lookups->Prefill(*f->prefill, value, req.actor(), req.lang)
                          : Result<Lookups::Filled>(Error::Of(ErrorCode::kUnavailable, ""));
    if (filled.ok() && !filled->values.empty()) {
      for (const auto& [target, v] : filled->values) {
        data[target] = v;
        notes[target] = i18n::Tr(req.lang, "apply_prefill_from", {{"agency", filled->source}});
      }
    } else if (!filled.ok() && filled.error().code == ErrorCode::kRateLimited) {
      notes[field] = i18n::Tr(req.lang, "apply_prefill_limited");
    } else if (filled.ok() || filled.error().code == ErrorCode::kNotFound) {
      notes[field] = i18n::Tr(req.lang, "apply_prefill_unknown");
    } else {
      // The provider is down, slow or not connected: the applicant types, and the filing never depends on it.
      notes[field] = i18n::Tr(req.lang, "apply_prefill_unavailable");
    }
  }
  return form_page(req, errors.empty() ? 200 : 422, sv, "", data, errors, {}, "", key, notes);
}

http::Handler Apply(const http::Views& views, ApplicationsService& service, catalog::CatalogService& catalog,
                    org::OrgService& org, Lookups* lookups) {
  FormPage form_page{views, org};
  SavePosted save_posted{service};
  SubmittedPage submitted_page{views};
  return [&catalog, &service, &views, form_page, save_posted, submitted_page, lookups](Request& req) {
    if (req.actor().anonymous()) return SignInFirst(req);
    auto sv = catalog.Published(req.params["slug"]);
    if (!sv.ok()) return views.ErrorPage(req, 404);
    auto parts = http::ParseMultipart(req);
    if (!parts.ok()) return views.ErrorPage(req, 400);
    json::object data = FormData(*parts, sv->definition.form);
    const http::Part* action = http::FindPart(*parts, "aksi");
    const http::Part* key_part = http::FindPart(*parts, "idempotency_key");
    std::string key = key_part ? key_part->body.substr(0, 64) : std::string();
    if (action && action->body.rfind("isi:", 0) == 0) {
      return FillFromBus(req, form_page, *sv, std::move(data), action->body.substr(4), key, lookups);
    }
    bool submitting = action && action->body == "ajukan";
    if (!action || (action->body != "ajukan" && action->body != "simpan")) {
      return views.ErrorPage(req, 400);
    }
    if (submitting) {
      // A refused first submission keeps the entries on the page and writes nothing: no numbered draft.
      std::vector<ApplicationsService::Attached> attached;
      for (const auto& p : *parts) {
        if (p.is_file && !p.body.empty()) attached.push_back({p.name, p.body});
      }
      auto checked = service.CheckFirstFiling(req.actor(), sv->service.slug, data, attached, req.lang);
      if (!checked.ok()) {
        if (checked.error().code == ErrorCode::kForbidden) return views.ErrorPage(req, 403);
        return form_page(req, 422, *sv, "", data, checked.error().fields, {}, "", key);
      }
    }
    auto filed = service.Create(req.actor(), sv->service.slug, data, false, key, req.lang);
    if (!filed.ok() && filed.error().code == ErrorCode::kConflict && !key.empty()) {
      // The same form sent again with other entries (back, change, send): a filing of its own.
      filed = service.Create(req.actor(), sv->service.slug, data, false, "", req.lang);
    }
    if (!filed.ok()) {
      if (filed.error().code == ErrorCode::kForbidden) return views.ErrorPage(req, 403);
      return form_page(req, 422, *sv, "", data, filed.error().fields, {}, "", key);
    }
    std::string tn = filed->tracking_number;
    if (!key.empty()) {
      // Sent twice and already filed the first time: that filing's receipt, nothing new.
      auto first = service.Get(req.actor(), tn, req.lang);
      if (first.ok() && first->row.status != "draft") {
        Filed again = *filed;
        again.due_at = first->row.due_at;
        again.fee_amount = first->row.fee_amount;
        return submitted_page(req, again, sv->definition.name.In(req.lang), false,
                              ParseTimeZone(sv->service.node_timezone));
      }
    }
    auto errors = save_posted(req, tn, *parts, data);
    if (errors.empty() && submitting) {
      auto sent = service.Submit(req.actor(), tn, req.lang);
      if (sent.ok()) {
        sent->access_code = filed->access_code;
        return submitted_page(req, *sent, sv->definition.name.In(req.lang), false,
                              ParseTimeZone(sv->service.node_timezone));
      }
      errors = sent.error().fields;
    }
    auto view = service.Get(req.actor(), tn, req.lang);
    if (!view.ok()) return views.ErrorPage(req, 500);
    // The draft exists now: further posts go to its own address; the access code is shown once, here.
    json::object values = data;
    Response r = form_page(req, errors.empty() ? 200 : 422, *sv, tn, values, errors, view->files, "");
    return r;
  };
}

// The applicant's own files: /permohonan, all, those still going or those decided.
http::Handler MyApplications(const http::Views& views, ApplicationsService& service) {
  return [&service, &views](Request& req) {
    if (req.actor().anonymous()) return SignInFirst(req);
    const auto& t = views.catalog();
    // Which files: all, those still going ("berjalan") or those decided ("selesai"); 20 a page, newest first.
    std::string which = req.Query("tampil").value_or("");
    if (which != "berjalan" && which != "selesai") which.clear();
    std::optional<bool> closed;
    if (!which.empty()) closed = which == "selesai";
    int page = std::clamp(std::atoi(req.Query("hal").value_or("1").c_str()), 1, 100'000);
    auto mine = service.Mine(req.actor(), closed, page, 20, req.lang);
    if (!mine.ok()) return views.ErrorPage(req, 503);
    if (mine->items.empty() && page > 1) {  // past the last page (an old link): back to the first
      return Response::Redirect(which.empty() ? "/permohonan" : "/permohonan?tampil=" + which);
    }
    json::array rows;
    for (const auto& v : mine->items) {
      auto status = ParseStatus(v.row.status);
      bool done = status && Closed(*status);
      json::object row{{"tracking_number", v.tracking_number},
                       {"service", v.service.definition.name.In(req.lang)},
                       {"status", t.Text(req.lang, "file_status_" + v.row.status)},
                       {"status_key", v.row.status}};
      if (done) {
        // A decided file shows how it ended and when, not the step it was last at.
        row["when_label"] = t.Text(req.lang, "mine_decided_on");
        row["when"] = Date(v.row.closed_at, v.zone, req.lang);
      } else if (v.row.status == "draft") {
        row["when_label"] = t.Text(req.lang, "mine_not_filed");
      } else {
        row["step"] = v.step_name;
        row["when_label"] = t.Text(req.lang, "due_date");
        row["when"] = Date(v.row.due_at, v.zone, req.lang);
      }
      rows.push_back(std::move(row));
    }
    auto link = [&](const std::string& w, int p) {
      std::string out = "/permohonan";
      std::string sep = "?";
      if (!w.empty()) out += sep + "tampil=" + w, sep = "&";
      if (p > 1) out += sep + "hal=" + std::to_string(p);
      return out;
    };
    json::array tabs;
    for (const auto& [key, label] :
         {std::pair{"", "mine_all"}, {"berjalan", "mine_open"}, {"selesai", "mine_closed"}}) {
      tabs.push_back({{"href", link(key, 1)}, {"label", t.Text(req.lang, label)}, {"current", which == key}});
    }
    json::object data{{"rows", rows},
                      {"none", rows.empty() && page == 1 && which.empty()},
                      {"empty_filter", rows.empty() && !(page == 1 && which.empty())},
                      {"tabs", std::move(tabs)}};
    if (page > 1) data["prev"] = link(which, page - 1);
    if (mine->more) data["next"] = link(which, page + 1);
    if (page > 1 || mine->more) data["page"] = page;
    return views.Page(req, 200, "applications/mine", std::move(data), "mine_title");
  };
}

// One file as its applicant follows it: /permohonan/{tn}, status, bill and timeline.
http::Handler ApplicationStatus(const http::Views& views, ApplicationsService& service) {
  return [&service, &views](Request& req) {
    if (req.actor().anonymous()) return SignInFirst(req);
    auto v = service.Get(req.actor(), req.params["tn"], req.lang);
    if (!v.ok()) return views.ErrorPage(req, 404);
    if (v->row.applicant_id != req.actor().account_id) return Response::Redirect("/kerja/" + v->tracking_number);
    const auto& t = views.catalog();
    json::array fields, timeline;
    for (const auto& f : v->fields) {
      json::object o{{"label", f.label}, {"value", f.value}};
      if (f.file_id) o["href"] = "/permohonan/" + v->tracking_number + "/berkas/" + std::to_string(f.file_id);
      fields.push_back(std::move(o));
    }
    for (const auto& e : v->timeline) {
      timeline.push_back({{"at", LocalDateTimeText(e.at, v->zone, req.lang)},
                          {"action", t.Text(req.lang, "action_" + e.action)},
                          {"step", e.step_name},
                          {"office", e.office},
                          {"note", e.note}});
    }
    bool editable = v->row.status == "draft" || v->row.status == "returned";
    auto parsed = ParseStatus(v->row.status);
    bool decided = parsed && Closed(*parsed);
    json::object data{
        {"decided", decided},
        {"decided_on", decided ? Date(v->row.closed_at, v->zone, req.lang) : ""},
        {"outcome", decided ? t.Text(req.lang, v->row.status == "completed"
                                                   ? (v->document_id.empty() ? "outcome_completed" : "outcome_issued")
                                                   : "outcome_rejected")
                            : ""},
        {"tracking_number", v->tracking_number},
        {"page_title", v->tracking_number},
        {"service_name", v->service.definition.name.In(req.lang)},
        {"agency", v->service.service.node_name},
        {"status", t.Text(req.lang, "file_status_" + v->row.status)},
        {"status_key", v->row.status},
        {"step", v->step_name},
        {"office", v->step_office},
        {"submitted", Date(v->row.submitted_at, v->zone, req.lang)},
        {"due", Date(v->row.due_at, v->zone, req.lang)},
        {"fee", v->service.definition.fee.kind == catalog::FeeKind::kFree ? t.Text(req.lang, "catalog_free")
                                                                          : i18n::FormatRupiah(v->row.fee_amount)},
        {"to_fix", v->returned_note},
        {"bill", BillView(v->bill, t, req.lang, v->zone)},
        {"document_id", v->document_id},
        {"editable", editable},
        {"fields", fields},
        {"timeline", timeline}};
    return views.Page(req, 200, "applications/detail", std::move(data), "detail_title");
  };
}

// A draft or a returned file edited and sent: /permohonan/{tn}/ubah.
http::Handler CorrectionForm(const http::Views& views, ApplicationsService& service, org::OrgService& org) {
  FormPage form_page{views, org};
  return [&service, &views, form_page](Request& req) {
    if (req.actor().anonymous()) return SignInFirst(req);
    auto v = service.Get(req.actor(), req.params["tn"], req.lang);
    if (!v.ok() || v->row.applicant_id != req.actor().account_id) return views.ErrorPage(req, 404);
    json::object values;
    for (const auto& f : v->fields) {
      if (!f.value.empty() && !f.file_id) values[f.name] = f.value;
    }
    // Choice values are shown by label in the view; the form needs the stored values.
    auto raw = service.RawData(req.actor(), v->tracking_number);
    if (raw.ok()) values = *raw;
    return form_page(req, 200, v->service, v->tracking_number, values, {}, v->files, v->returned_note);
  };
}

http::Handler SendCorrection(const http::Views& views, ApplicationsService& service, org::OrgService& org) {
  FormPage form_page{views, org};
  SavePosted save_posted{service};
  SubmittedPage submitted_page{views};
  return [&service, &views, form_page, save_posted, submitted_page](Request& req) {
    if (req.actor().anonymous()) return SignInFirst(req);
    auto v = service.Get(req.actor(), req.params["tn"], req.lang);
    if (!v.ok() || v->row.applicant_id != req.actor().account_id) return views.ErrorPage(req, 404);
    auto parts = http::ParseMultipart(req);
    if (!parts.ok()) return views.ErrorPage(req, 400);
    json::object data = FormData(*parts, v->service.definition.form);
    auto errors = save_posted(req, v->tracking_number, *parts, data);
    const http::Part* action = http::FindPart(*parts, "aksi");
    if (errors.empty() && action && action->body == "ajukan") {
      auto sent = service.Submit(req.actor(), v->tracking_number, req.lang);
      if (sent.ok()) {
        return submitted_page(req, *sent, v->service.definition.name.In(req.lang), v->row.status == "returned",
                              v->zone);
      }
      errors = sent.error().fields;
      if (errors.empty()) errors.push_back({"-", sent.error().detail});
    }
    if (errors.empty()) return Response::Redirect("/permohonan/" + v->tracking_number);
    auto again = service.Get(req.actor(), v->tracking_number, req.lang);
    return form_page(req, 422, v->service, v->tracking_number, data, errors, again.ok() ? again->files : v->files,
                     v->returned_note);
  };
}

// An attachment's bytes: /permohonan/{tn}/berkas/{id}.
http::Handler Attachment(const http::Views& views, ApplicationsService& service) {
  return [&service, &views](Request& req) {
    if (req.actor().anonymous()) return SignInFirst(req);
    auto f = service.ReadFile(req.actor(), req.params["tn"], std::atoll(req.params["id"].c_str()), req.lang);
    if (!f.ok()) return views.ErrorPage(req, 404);
    auto kind = catalog::ParseFileKind(f->first.kind);
    Response r = Response::Text(200, std::move(f->second),
                                std::string(catalog::FileKindMime(kind.value_or(catalog::FileKind::kPdf))));
    r.Set("Content-Disposition", "inline");
    r.Set("Cache-Control", "private, no-store");
    r.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; plugin-types application/pdf; sandbox");
    return r;
  };
}

// Public tracking by number and access code: /lacak.
http::Handler Track(const http::Views& views, ApplicationsService& service, const PageLinks& links) {
  return [&service, &views, elsewhere = links.elsewhere](Request& req) {
    const auto& t = views.catalog();
    std::string number = req.Query("nomor").value_or(""), code = req.Query("kode").value_or("");
    json::object data{{"number", number}, {"code", code}};
    int status = 200, retry_after = 0;
    if (!number.empty() || !code.empty()) {
      auto found = service.Track(req.actor(), number, code, req.lang);
      if (!found.ok() && found.error().code == ErrorCode::kRateLimited) {
        data["braked"] = found.error().detail;
        status = 429;
        retry_after = found.error().retry_after_s;
      } else if (!found.ok()) {
        // The one box takes a complaint's number too: with its code it opens the complaint's own page.
        if (elsewhere) {
          if (auto there = elsewhere(req.actor(), number, code, req.lang)) return Response::Redirect(*there);
        }
        data["not_found"] = true;
        status = 404;
      } else {
        const TrackView& v = **found;
        json::array timeline;
        for (const auto& e : v.timeline) {
          timeline.push_back({{"at", LocalDateTimeText(e.at, v.zone, req.lang)},
                              {"action", t.Text(req.lang, "action_" + e.action)},
                              {"step", e.step_name},
                              {"office", e.office}});
        }
        data["result"] = json::object{{"tracking_number", v.tracking_number},
                                      {"service", v.service_name},
                                      {"agency", v.agency},
                                      {"status", t.Text(req.lang, "file_status_" + v.status)},
                                      {"step", v.step_name},
                                      {"office", v.step_office},
                                      {"submitted", Date(v.submitted_at, v.zone, req.lang)},
                                      {"due", Date(v.due_at, v.zone, req.lang)},
                                      {"timeline", timeline}};
      }
    }
    Response r = views.Page(req, status, "applications/track", std::move(data), "track_title");
    r.Set("Cache-Control", "no-store");
    if (status == 429) r.Set("Retry-After", std::to_string(std::max(1, retry_after)));
    return r;
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, ApplicationsService& service,
                   catalog::CatalogService& catalog, org::OrgService& org, PageLinks links) {
  router.Add("GET", "/layanan/{slug}/ajukan", ApplyForm(views, catalog, org, links));
  router.Add("POST", "/layanan/{slug}/ajukan", Apply(views, service, catalog, org, links.lookups));
  router.Add("GET", "/permohonan", MyApplications(views, service));
  router.Add("GET", "/permohonan/{tn}", ApplicationStatus(views, service));
  router.Add("GET", "/permohonan/{tn}/ubah", CorrectionForm(views, service, org));
  router.Add("POST", "/permohonan/{tn}/ubah", SendCorrection(views, service, org));
  router.Add("GET", "/permohonan/{tn}/berkas/{id}", Attachment(views, service));
  router.Add("GET", "/lacak", Track(views, service, links));
}

}  // namespace spbe::applications
