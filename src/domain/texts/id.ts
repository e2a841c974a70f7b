/**
 * Every text a rep or the manager reads in Slack, in Bahasa Indonesia (`language` = id).
 * Same keys as en.ts (a test checks it); stage names (NEW, CONTACTED, QUALIFIED,
 * CLOSED_LOST) and sheet names stay as they are written in the spreadsheet.
 */
import type { Texts } from './en';

export const id: Texts = {
  weekdays: ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'],
  duration(minutes: number): string {
    const m = Math.max(0, Math.round(minutes));
    if (m < 120) return `${m} menit`;
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest === 0 ? `${h} jam` : `${h} jam ${rest} menit`;
  },

  buttonContacted: 'Tandai SUDAH DIHUBUNGI',
  buttonPass: 'Oper ke sales berikutnya',
  buttonQualified: 'Berminat (qualified)',
  buttonLost: 'Batal (lost)',
  buttonTake: 'Saya ambil',
  reassignPlaceholder: 'Alihkan ke…',

  labelLead: 'Lead',
  labelPhone: 'Telepon',
  labelEmail: 'Email',
  labelLeadId: 'ID lead',
  noName: '(tanpa nama)',
  noPhone: '(tidak ada)',
  phoneNeedsChecking: 'nomor perlu dicek',
  linkWhatsApp: 'WhatsApp',
  linkCall: 'Telepon',
  waGreeting: (name) =>
    `Halo${name ? ` ${name}` : ''}, terima kasih atas minat Anda! Ada yang bisa kami bantu?`,

  headlineNew: (owner) => `${owner}, ada lead baru untuk Anda`,
  headlineAssignedBy: (owner, by) => `${owner}, ${by} memberi Anda lead yang dieskalasi`,
  headlineReminder: (owner) =>
    `${owner}, pengingat: lead ini masih menunggu dan tidak ada sales lain yang tersedia, jadi tetap pada Anda`,
  headlineRerouted: (owner, from) =>
    `${owner}, sebuah lead dialihkan ke Anda (${from} tidak menghubunginya tepat waktu)`,
  headlinePassed: (owner, from) => `${owner}, ${from} mengoper lead ini kepada Anda`,
  slaLine: (duration, deadline) =>
    `Mohon hubungi dalam ${duration} (paling lambat ${deadline}), lalu tekan tombolnya.`,
  assignmentFallback: (leadId, owner, name, phone, duration) =>
    `Lead baru ${leadId} untuk ${owner}: ${name}, ${phone}. Mohon hubungi dalam ${duration}.`,

  reroutedAway: (leadId, to) =>
    `Lead ${leadId} dialihkan ke ${to}: batas waktu SLA habis sebelum ditandai CONTACTED.`,
  previouslyAssigned: (owner) => `Sebelumnya ditugaskan ke ${owner}.`,
  passedAway: (leadId, from, to) => `${from} mengoper lead ${leadId} ke ${to}.`,

  contacted: (owner, leadId, taken) => `${owner} menghubungi lead ${leadId} setelah ${taken}`,
  contactedSinceIn: (waited) => ` (${waited} sejak lead masuk)`,
  contactedNext: 'Setelah hasilnya jelas, tandai di bawah ini.',
  qualified: (by, leadId) => `${by} menandai lead ${leadId} QUALIFIED (berminat).`,
  lost: (by, leadId) => `${by} menandai lead ${leadId} CLOSED_LOST (batal).`,

  escalation: (to, leadId, routes, reps, lastOwner) =>
    `${to}lead ${leadId} belum juga dihubungi setelah ${routes} kali penugasan ke ${reps} sales. Pemegang terakhir: ${lastOwner}.`,
  escalationNote:
    'Lead ini tidak akan dialihkan lagi; pemegang terakhir masih bisa menandainya CONTACTED.',
  managerTook: (manager, leadId) => `${manager} mengambil lead ${leadId}`,
  managerReassigned: (manager, leadId, to) => `${manager} mengalihkan lead ${leadId} ke ${to}`,
  escalationStays: 'Eskalasi tetap tercatat.',

  noOpenLeads: 'Saat ini Anda tidak punya lead yang terbuka.',
  openLeadsTitle: (count) => `Lead terbuka Anda (${count}):`,
  openLeadsMore: (more) => `…dan ${more} lagi di lead_sheet.`,
  openLeadsMoved:
    'lead_sheet sedang diurutkan saat daftar ini dibaca, jadi mungkin ada lead Anda yang tidak tampil. Ketik /leads lagi sebentar lagi.',
  timeLeft: (duration, deadline) => `sisa ${duration} (paling lambat ${deadline})`,
  overdue: (duration) => `terlambat ${duration}`,
  escalatedStillYours: 'sudah dieskalasi ke manajer; tetap tugas Anda untuk menghubungi',
  leadsUnknownUser:
    'Maaf, /leads hanya untuk sales yang terdaftar di sheet lead routing, dan saya tidak menemukan Anda di sana. Minta admin menambahkan Slack member id Anda ke sales_sheet.',

  leadReturned: (owner, leadId, name, times, still) =>
    `${owner}, lead ${leadId} (${name}) mengisi formulir lagi (total ${times} kali). ${still}`,
  returnedStillWaiting: 'Lead ini masih menunggu telepon Anda.',
  returnedAlreadyContacted:
    'Anda sudah menghubunginya; ia bertanya lagi, jadi tindak lanjut mungkin membantu.',
  nobodyAtAll:
    'saat ini tidak ada sales yang bisa menerima lead baru (semua nonaktif, sedang pergi, atau sudah mencapai max_open_leads)',
  nobodyInTeam: (team) =>
    `saat ini tidak ada sales tim ${team} yang bisa menerima lead baru (semua sales tim itu di sales_sheet nonaktif, sedang pergi, atau sudah mencapai max_open_leads)`,
  nobodyAvailable: (to, who, waiting) =>
    `${to}${who}. ${waiting} lead menunggu tanpa pemilik di lead_sheet; lead akan dibagikan begitu ada yang tersedia.`,
  nobodyAvailableOnce: 'Pesan ini dikirim sekali sampai ada sales yang tersedia lagi.',

  goneNotInSheet: (who) =>
    `Lead ${who} sudah tidak ada di lead sheet; tidak ada yang perlu dilakukan di sini.`,
  goneContacted: (who, by) =>
    `:white_check_mark: Lead ${who} sudah ditandai CONTACTED${by ? ` oleh ${by}` : ''}.`,
  goneStage: (who, stage) =>
    `Lead ${who} sekarang ${stage}; tidak ada yang perlu dilakukan di sini.`,
  goneHandedOver: (who, owner) =>
    `:white_check_mark: Lead eskalasi ${who} sudah diserahkan; sekarang dipegang ${owner || 'belum ada'}.`,
  goneNewerMessage: (who) =>
    `Lead ${who} punya pesan yang lebih baru untuk Anda; pakai tombol di sana.`,
  goneMovedOn: (who, to) =>
    `:arrow_right: Lead ${who} sudah dipindahkan${to ? ` ke ${to}` : ''}; tidak ada yang perlu dilakukan di sini.`,
  noStage: 'tanpa stage',

  labelSource: 'Sumber',
  answersMore: '…selengkapnya di lead_sheet (answers)',
  unreadableResponse: (to, leadId, reason) =>
    `${to}ada respons formulir tanpa nama, telepon, atau email yang terbaca. Respons itu disimpan sebagai lead ${leadId} dengan semua jawabannya dan dirutekan seperti biasa, tetapi periksa pengaturan formulir: ${reason}`,
  unreadableFix:
    'Perbaiki form_name_field, form_phone_field dan form_email_field di settings (atau jalankan Lead Routing → Set up). Pesan ini dikirim sekali sampai ada respons yang terbaca lagi.',
  misplacedWrite: (to, count, pairs) =>
    `${to}${count === 1 ? 'sebuah perubahan' : `${count} perubahan`} untuk satu lead tertulis di baris lead lain di lead_sheet (sheet sedang diurutkan saat itu): ${pairs}. routing_log berisi baris ERROR untuk masing-masing, beserta selnya.`,
  misplacedWriteFix:
    'Periksa baris-baris itu di lead_sheet: sel yang tidak bisa dikembalikan oleh mesin disebutkan di routing_log. Mengurutkan lead_sheet saat mesin menulis hanya aman jika Google menjaga metadata baris tetap bersama baris yang diurutkan (README, Guarantees).',
  leadsQuota:
    'Google Sheets sedang mencapai batas per menit, jadi daftar lead Anda tidak bisa dibaca. Silakan coba /leads lagi dalam satu menit.',

  refuseUnknownLead: (leadId) =>
    `Lead ${leadId} tidak ditemukan. Mungkin sudah diarsipkan atau dihapus dari sheet.`,
  refuseAlreadyContacted: (leadId) =>
    `Lead ${leadId} sudah ditandai CONTACTED. Tidak ada yang berubah.`,
  refuseNotNew: (leadId, stage) =>
    `Lead ${leadId} ada di tahap ${stage}; hanya lead NEW yang bisa ditandai CONTACTED atau dioper.`,
  refuseRerouted: (leadId, owner) =>
    `Lead ${leadId} sudah dialihkan dari Anda setelah SLA habis; sekarang milik ${owner}.`,
  refuseNotOwner: (leadId, owner) =>
    `Lead ${leadId} bukan milik Anda; lead ini milik ${owner}. Hanya sales yang ditugaskan yang bisa melakukannya.`,
  refuseBusy:
    'Sheet lead sedang sibuk; tidak ada yang berubah. Silakan klik lagi dalam beberapa detik.',
  refuseQuota:
    'Tidak bisa disimpan: Google Sheets sedang mencapai batas per menit, jadi tidak ada yang berubah. Silakan klik lagi dalam satu menit.',
  refuseNotManager: (manager) =>
    `Hanya manajer${manager ? ` (${manager})` : ''} yang bisa mengalihkan atau mengambil lead yang dieskalasi. Tidak ada yang berubah.`,
  refuseNotARep: (who) =>
    `${who || 'Orang itu'} sudah bukan sales aktif di sales_sheet; pilih orang lain. Tidak ada yang berubah.`,
  refuseAlreadyDone: (leadId, owner) =>
    `Sudah dilakukan: lead ${leadId} sudah pada ${owner || 'pemilik barunya'} sejak eskalasi. Tidak ada yang berubah.`,
  refuseChanged: (leadId) =>
    `Lead ${leadId} berubah saat Anda mengklik (dialihkan atau diedit); tidak ada yang berubah. Lihat pesan terbarunya.`,
  refuseNotContacted: (leadId, stage) =>
    `Lead ${leadId} ada di tahap ${stage}; tandai CONTACTED dulu sebelum mencatat hasilnya. Tidak ada yang berubah.`,
  refuseOutcomeSet: (leadId, stage) =>
    `Lead ${leadId} sudah ${stage}. Tidak ada yang berubah (admin bisa mengubah tahap di sheet).`,
  refuseNotOwnerOrManager: (leadId, owner) =>
    `Lead ${leadId} milik ${owner}; hanya dia atau manajer yang bisa mencatat hasilnya. Tidak ada yang berubah.`,
  refuseEscalated: (leadId) =>
    `Lead ${leadId} sudah dieskalasi ke manajer, yang kini menentukan ke mana lead ini pergi; sampai saat itu tetap pada Anda. Tidak ada yang berubah.`,
  passNobodyElse: (leadId) =>
    `Saat ini tidak ada sales lain yang bisa menerima lead ${leadId} (semua nonaktif, sedang pergi, atau sudah penuh), jadi tetap pada Anda. Tidak ada yang berubah.`,
  refuseOther: (leadId) => `Tidak ada yang berubah untuk lead ${leadId}.`,

  digestTitle: (day) => `Ringkasan harian lead, ${day}`,
  digestTo: (manager) => `${manager}, angka 24 jam terakhir:`,
  digestLeadsIn: (n) => `Lead masuk: ${n}`,
  digestWithinSla: (within, contacted) =>
    `Dihubungi dalam SLA: ${within} dari ${contacted} yang dihubungi`,
  digestMedian: (minutes) => `Median menit sampai kontak pertama: ${minutes}`,
  digestReroutes: (n) => `Pengalihan: ${n}`,
  digestEscalations: (n) => `Eskalasi: ${n}`,
  digestPerRep:
    'Per sales: ditugaskan · dihubungi · dalam SLA · median menit sampai kontak pertama · dialihkan · dieskalasi',
  digestRepLine: (rep, assigned, contacted, within, median, movedOn, escalated) =>
    `${rep}: ${assigned} · ${contacted} · ${within} · ${median} · ${movedOn} · ${escalated}`,
  digestNoReps: 'Tidak ada sales yang memegang lead pada periode ini.',
  digestStillNew: (n) => `Lead yang masih NEW: ${n}`,
  digestStillNewLine: (leadId, name, owner, age) =>
    `${leadId} · ${name} · ${owner} · menunggu ${age}`,
  digestStillNewMore: (more) => `…dan ${more} lagi di lead_sheet.`,
  digestUnassigned: 'belum ada pemilik',
  digestNone: '–',
};
