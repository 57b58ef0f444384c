// The words of every notification, in English and Hindi (the user's `preferences.language`, English by default):
// a title (email subject, push title), a text (SMS, push body, email text part) and the email's HTML.
import type { NotificationDataByKind, NotificationKind } from './notification-kinds.js'

export const LANGUAGES = ['en', 'hi'] as const
export type Language = (typeof LANGUAGES)[number]

export const languageOf = (preferences: Record<string, unknown> | null | undefined): Language => (preferences?.language === 'hi' ? 'hi' : 'en')

/** Names the dispatcher looked up for the event's ids (a listing's title). */
export interface Extras {
  listing_title?: string
}

export interface RenderedMessage {
  title: string
  text: string
  html: string
}

const LOCALE: Record<Language, string> = { en: 'en-IN', hi: 'hi-IN' }

function when(iso: string | null | undefined, language: Language): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

const rupees = (paise: number, language: Language) =>
  new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'INR', maximumFractionDigits: 2 }).format(paise / 100)

type Words = { title: string; text: string }
type Template<K extends NotificationKind> = (data: NotificationDataByKind[K], x: Required<Extras>, l: Language) => Record<Language, Words>

const TEMPLATES: { [K in NotificationKind]: Template<K> } = {
  booking_confirmed: (d, x, l) => ({
    en: { title: 'Booking confirmed', text: `Your booking for ${x.listing_title} is confirmed${d.starts_at ? ` for ${when(d.starts_at, l)}` : ''}. Paid: ${rupees(d.amount, l)}.` },
    hi: { title: 'बुकिंग की पुष्टि हो गई', text: `${x.listing_title} के लिए आपकी बुकिंग पक्की हो गई है${d.starts_at ? ` (${when(d.starts_at, l)})` : ''}। भुगतान: ${rupees(d.amount, l)}।` },
  }),
  booking_cancelled: (d, x, l) => {
    const refundEn = d.refund_amount > 0 ? ` A refund of ${rupees(d.refund_amount, l)} is on its way.` : d.credits_refunded > 0 ? ` ${d.credits_refunded} credits are back in your wallet.` : ' No refund is due.'
    const refundHi = d.refund_amount > 0 ? ` ${rupees(d.refund_amount, l)} का रिफ़ंड भेजा जा रहा है।` : d.credits_refunded > 0 ? ` ${d.credits_refunded} क्रेडिट आपके वॉलेट में लौट आए हैं।` : ' कोई रिफ़ंड देय नहीं है।'
    return {
      en: { title: 'Booking cancelled', text: `Your booking for ${x.listing_title} was cancelled.${refundEn}` },
      hi: { title: 'बुकिंग रद्द हुई', text: `${x.listing_title} के लिए आपकी बुकिंग रद्द कर दी गई है।${refundHi}` },
    }
  },
  booking_rescheduled: (d, x, l) => ({
    en: { title: 'Booking rescheduled', text: `Your booking for ${x.listing_title} now starts ${when(d.starts_at, l)}.` },
    hi: { title: 'बुकिंग का समय बदला गया', text: `${x.listing_title} के लिए आपकी बुकिंग अब ${when(d.starts_at, l)} से है।` },
  }),
  session_reminder_24h: (d, x, l) => ({
    en: { title: 'Tomorrow: ' + x.listing_title, text: `Reminder: ${x.listing_title} starts ${when(d.starts_at, l)}.` },
    hi: { title: 'कल: ' + x.listing_title, text: `याद दिलाना: ${x.listing_title} ${when(d.starts_at, l)} पर शुरू होगा।` },
  }),
  session_reminder_2h: (d, x, l) => ({
    en: { title: 'Starting soon: ' + x.listing_title, text: `${x.listing_title} starts at ${when(d.starts_at, l)}, in about two hours.` },
    hi: { title: 'जल्द शुरू: ' + x.listing_title, text: `${x.listing_title} लगभग दो घंटे में (${when(d.starts_at, l)}) शुरू होगा।` },
  }),
  waitlist_offer: (d, x, l) => ({
    en: { title: 'A seat is free for you', text: `${d.seats} seat(s) for ${x.listing_title} are held for you until ${when(d.expires_at, l)}. Book them in the app.` },
    hi: { title: 'आपके लिए सीट खाली है', text: `${x.listing_title} की ${d.seats} सीट(ें) ${when(d.expires_at, l)} तक आपके लिए रखी गई हैं। ऐप में बुक करें।` },
  }),
  waitlist_offer_expired: (_d, x) => ({
    en: { title: 'Your waitlist offer expired', text: `The seats held for you for ${x.listing_title} were offered to the next family.` },
    hi: { title: 'वेटलिस्ट ऑफ़र समाप्त', text: `${x.listing_title} के लिए रखी गई सीटें अगले परिवार को दे दी गईं।` },
  }),
  kyc_verified: () => ({
    en: { title: 'KYC verified', text: 'Your business details are verified. You can now publish listings and receive payouts.' },
    hi: { title: 'केवाईसी सत्यापित', text: 'आपके व्यवसाय का विवरण सत्यापित हो गया है। अब आप लिस्टिंग प्रकाशित कर सकते हैं और भुगतान पा सकते हैं।' },
  }),
  kyc_rejected: (d) => ({
    en: { title: 'KYC needs changes', text: `Your KYC was not accepted: ${d.reason}. Please correct it and submit again.` },
    hi: { title: 'केवाईसी में बदलाव ज़रूरी', text: `आपका केवाईसी स्वीकार नहीं हुआ: ${d.reason}। कृपया सुधार कर फिर से जमा करें।` },
  }),
  listing_approved: (_d, x) => ({
    en: { title: 'Listing approved', text: `${x.listing_title} is approved and visible to families.` },
    hi: { title: 'लिस्टिंग स्वीकृत', text: `${x.listing_title} स्वीकृत हो गई है और परिवारों को दिख रही है।` },
  }),
  listing_rejected: (d, x) => ({
    en: { title: 'Listing not approved', text: `${x.listing_title} was not approved: ${d.reason}.` },
    hi: { title: 'लिस्टिंग स्वीकृत नहीं हुई', text: `${x.listing_title} स्वीकृत नहीं हुई: ${d.reason}।` },
  }),
  payout_paid: (d, _x, l) => ({
    en: { title: 'Payout sent', text: `${rupees(d.amount, l)} was paid out to your bank account${d.utr ? ` (UTR ${d.utr})` : ''}.` },
    hi: { title: 'भुगतान भेजा गया', text: `${rupees(d.amount, l)} आपके बैंक खाते में भेजे गए${d.utr ? ` (UTR ${d.utr})` : ''}।` },
  }),
  badge_awarded: (d) => ({
    en: { title: 'New badge: ' + d.badge_name, text: `${d.child_name ? `${d.child_name} earned` : 'You earned'} the "${d.badge_name}" badge. Well done!` },
    hi: { title: 'नया बैज: ' + d.badge_name, text: `${d.child_name ? `${d.child_name} ने` : 'आपने'} "${d.badge_name}" बैज जीता। शाबाश!` },
  }),
  review_reply: (_d, x) => ({
    en: { title: 'Reply to your review', text: `The provider of ${x.listing_title} replied to your review.` },
    hi: { title: 'आपकी समीक्षा का जवाब', text: `${x.listing_title} के प्रदाता ने आपकी समीक्षा का जवाब दिया है।` },
  }),
  broadcast: (d) => ({ en: { title: d.title, text: d.body }, hi: { title: d.title, text: d.body } }),
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function toHtml(words: Words, language: Language): string {
  const footer = language === 'hi' ? 'आपको यह संदेश RRRAY से मिला है। सूचनाएँ ऐप की सेटिंग में बदलें।' : 'You received this from RRRAY. Change notifications in the app settings.'
  return (
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;color:#222">` +
    `<h2>${escapeHtml(words.title)}</h2><p>${escapeHtml(words.text)}</p>` +
    `<p style="color:#888;font-size:12px">${escapeHtml(footer)}</p></body></html>`
  )
}

export function renderNotification<K extends NotificationKind>(kind: K, data: NotificationDataByKind[K], extras: Extras, language: Language): RenderedMessage {
  const template = TEMPLATES[kind] as Template<K>
  const words = template(data, { listing_title: extras.listing_title ?? (language === 'hi' ? 'आपकी गतिविधि' : 'your activity') }, language)[language]
  return { ...words, html: toHtml(words, language) }
}
