// A journey through the API as another agency's developer would write it: a TypeScript client whose types are
// generated from the live OpenAPI document (openapi-typescript) and whose calls go through openapi-fetch. `tsc`
// type-checks it against the generated `paths`, so a renamed member, a missing route or a wrong body type fails
// before it runs; `check` (given by the test) validates every answer against the document's schema.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export interface JourneyOptions {
  baseUrl: string;
  /// The code the platform e-mailed to this address (read from the test's mail relay).
  mailedCode: (email: string) => Promise<string>;
  /// Validates an answer against the document; throws on a mismatch.
  check: Middleware;
  log: (line: string) => void;
}

function must<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined || !r.response.ok) {
    throw new Error(`${what}: ${r.response.status} ${JSON.stringify(r.error)}`);
  }
  return r.data;
}

function signedIn(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}

export async function journey(o: JourneyOptions): Promise<void> {
  const api = createClient<paths>({ baseUrl: o.baseUrl, headers: { 'Accept-Language': 'id' } });
  api.use(o.check);

  // 1. A citizen registers, verifies the e-mail with the code sent to it, and signs in.
  const email = `dewi.${Date.now()}@surel.example`;
  const nik = '1210014107900003';
  const registered = await api.POST('/api/v1/auth/register', {
    body: { kind: 'warga', name: 'Dewi Lestari', email, password: 'sawah-hijau-2026', nik, phone: '081260001234' },
  });
  must('register', registered);
  must('verify e-mail', await api.POST('/api/v1/auth/verify-email', { body: { email, code: await o.mailedCode(email) } }));
  const login = must('sign in', await api.POST('/api/v1/auth/login', {
    body: { username: email, password: 'sawah-hijau-2026' },
  }));
  const citizen = createClient<paths>({ baseUrl: o.baseUrl, headers: { 'Accept-Language': 'id' } });
  citizen.use(o.check, signedIn(login.token));
  o.log(`signed in until ${login.expires_at}`);

  // 2. She finds the service in the catalogue by a word.
  const found = must('search services', await api.GET('/api/v1/services', { params: { query: { q: 'domisili' } } }));
  const service = found.items.find((s) => s.slug === 'surat-keterangan-domisili');
  if (!service) throw new Error(`the catalogue search did not find surat-keterangan-domisili: ${JSON.stringify(found)}`);
  const detail = must('service', await api.GET('/api/v1/services/{id}', { params: { path: { id: String(service.id) } } }));
  o.log(`service ${detail.slug}, version ${detail.version}`);

  // 3. She files a draft, attaches her KTP, and submits.
  const draft = must('file a draft', await citizen.POST('/api/v1/applications', {
    params: { header: { 'Idempotency-Key': `journey-${email}` } },
    body: {
      service_id: service.id,
      submit: false,
      data: { nama: 'Dewi Lestari', nik, alamat: 'Jl. Sisingamangaraja 12, Rantauprapat', keperluan: 'Melamar kerja' },
    },
  }));
  const tracking_number = draft.tracking_number;
  const ktp = new Blob([new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' });
  const attached = must('attach', await citizen.POST('/api/v1/applications/{tracking_number}/files', {
    params: { path: { tracking_number } },
    body: { field: 'ktp', file: 'ktp.pdf' },
    bodySerializer: (b) => {
      const form = new FormData();
      form.append('field', b.field);
      form.append('file', ktp, b.file);
      return form;
    },
  }));
  o.log(`attached ${attached.file_name} (${attached.kind}, ${attached.size} bytes)`);
  const filed = must('submit', await citizen.POST('/api/v1/applications/{tracking_number}/submit', {
    params: { path: { tracking_number } },
  }));
  // The access code is shown once: when the draft was made, or at filing for a file submitted at once.
  const access_code = filed.access_code ?? draft.access_code;
  if (!access_code) throw new Error('neither the draft nor the submission answered an access code');
  o.log(`filed ${tracking_number}, due ${filed.due_at}`);

  // 4. Anyone with the number and the code follows it.
  const tracked = must('track', await api.GET('/api/v1/track/{tracking_number}', {
    params: { path: { tracking_number }, query: { code: access_code } },
  }));
  if (tracked.status !== 'in_progress') throw new Error(`tracked status ${tracked.status}`);

  // 5. The kelurahan head finds it in the worklist and approves it.
  const head = must('officer signs in', await api.POST('/api/v1/auth/login', {
    body: { username: 'kepala.padang-matinggi@demo.go.id', password: 'demo-spbe-2026' },
  }));
  const officer = createClient<paths>({ baseUrl: o.baseUrl });
  officer.use(o.check, signedIn(head.token));
  const work = must('worklist', await officer.GET('/api/v1/worklist', {}));
  if (!work.some((w) => w.tracking_number === tracking_number)) throw new Error('the file is not in the worklist');
  const approved = must('approve', await officer.POST('/api/v1/applications/{tracking_number}/actions', {
    params: { path: { tracking_number } },
    body: { action: 'approve' },
  }));
  o.log(`after approval: ${approved.status}, document ${approved.document?.id ?? '-'}`);
  if (approved.status !== 'completed') throw new Error(`approved file is ${approved.status}`);

  // 6. The citizen sees the decision, then files a complaint about a road.
  const mine = must('my applications', await citizen.GET('/api/v1/applications', {}));
  if (mine.find((a) => a.tracking_number === tracking_number)?.status !== 'completed') {
    throw new Error('my applications do not show the decision');
  }
  const report = must('file a report', await citizen.POST('/api/v1/reports', {
    body: {
      kind: 'pengaduan',
      identity: 'shown',
      name: 'Dewi Lestari',
      contact: email,
      category: 'infrastruktur',
      title: 'Jalan berlubang di depan sekolah',
      body: 'Lubang besar di Jl. Ahmad Yani dekat SD 3 membahayakan anak-anak sepulang sekolah.',
      region_code: '12.10.01.1001',
    },
  }));
  o.log(`report ${report.tracking_number} filed`);
}
