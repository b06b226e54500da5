// Council truth (issue #11, step 5): each council's build says only what that
// council's leaflet, national guidance or the council itself says. Reads the
// five builds that global-setup.ts makes; builds nothing of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { valueOf, type Authority, type Fact } from '~/config/authority-schema';
import { LOCALES } from '~/config/locales';
import { NATIONAL_HELP } from '~/config/national';
import { site as settings } from '~/config/site';
import { COUNCIL_FACTS, councilFactSource, type CouncilFactName } from '~/i18n/council-facts';
import { resources } from '~/i18n';
import { inALanguage, site as built, text } from './site';

type Id = 'kingston' | 'redbridge' | 'barnsley' | 'hartlepool' | 'torbay';

/**
 * Sentences that are true for some councils only, and where each is true.
 * `holds` asks the council's profile the same question, so a profile that
 * gains or loses the rule is caught here as well as a page that says it anyway.
 * Sentences with `trueFor: []` came from one council's leaflet into every build
 * once, and must never come back.
 *
 * Each is checked in every language, not only in English: `key` names the council
 * string that says it (each language's own words are read from its locale file;
 * `values` fixes the numbers that make it one council's rule, the rest may be
 * anything), and `was` gives each language's words for a sentence that no string
 * holds any more (taken from the translation it was removed from).
 */
/** Every language but English (each needs its words below: a new language cannot be left out). */
type Lang = Exclude<(typeof LOCALES)[number]['code'], 'en'>;
interface Sentence {
  says: string;
  page: string;
  trueFor: Id[];
  holds?: (a: Authority) => boolean;
  key?: `council:${string}`;
  values?: Record<string, number>;
  was?: Record<Lang, string>;
}

/** Each language's words for sentences no string holds any more, from the translations they were removed from. */
const WAS = {
  policeSlot: {
    pl: 'Policja może musieć przekazać informacje o innych osobach',
    ro: 'Se poate ca poliția să trebuiască să spună informații despre alți oameni',
    pa: 'ਹੋ ਸਕਦਾ ਹੈ ਪੁਲਿਸ ਨੂੰ ਦੂਜੇ ਲੋਕਾਂ ਬਾਰੇ',
    ur: 'ہو سکتا ہے پولیس کو دوسرے لوگوں کے بارے میں',
    pt: 'A polícia pode ter de partilhar informações sobre outras pessoas',
    es: 'Puede que la policía tenga que compartir datos sobre otras personas',
    ar: 'قد تحتاج الشرطة إلى مشاركة معلومات عن أشخاص آخرين',
    bn: 'পুলিশকে হয়তো অন্য লোকদের সম্পর্কে',
    fr: "La police devra peut-être donner des informations sur d'autres personnes",
    ru: 'Полиции, возможно, придётся рассказать о других людях',
    lt: 'Policijai gali tekti pasidalyti informacija apie kitus žmones',
    gu: 'પોલીસને કદાચ બીજા લોકો વિશે',
    fa: 'ممکن است پلیس مجبور شود اطلاعاتی دربارهٔ آدم‌های دیگر',
    tr: 'Polisin başka kişiler hakkında bilgi paylaşması gerekebilir',
    ps: 'ښايي پولیس مجبور شي چې د نورو خلکو په اړه معلومات',
    it: 'La polizia potrebbe dover dare informazioni su altre persone',
    bg: 'Може полицията да трябва да сподели информация за други хора',
    so: 'Booliisku waxa laga yaabaa inay u baahdaan inay wadaagaan macluumaad ku saabsan dad kale',
    'zh-Hans': '警察可能需要分享关于其他人的事实',
    ta: 'மற்றவர்களைப் பற்றிய தகவல்களைக் காவல்துறை பகிர வேண்டியிருக்கலாம்',
  },
  chairReminds: {
    pl: 'Przewodniczący przypomina też wszystkim',
    ro: 'Președintele le amintește tuturor și',
    pa: 'ਚੇਅਰ ਸਾਰਿਆਂ ਨੂੰ ਯਾਦ ਵੀ ਕਰਾਉਂਦੇ ਹਨ',
    ur: 'چیئر سب کو یہ بھی یاد دلاتے ہیں',
    pt: 'O presidente também lembra a todos',
    es: 'El presidente también recuerda a todos',
    ar: 'ويذكّر رئيس الاجتماع الجميع أيضًا',
    bn: 'সভাপতি সবাইকে মনে করিয়ে দেন যে সভাটি',
    fr: 'Le président rappelle aussi à tout le monde',
    ru: 'Председатель также напоминает всем',
    lt: 'Pirmininkas taip pat primena visiems',
    gu: 'અધ્યક્ષ બધાને એ પણ યાદ કરાવે છે',
    fa: 'رئیس جلسه همچنین به همه یادآوری می‌کند',
    tr: 'Başkan ayrıca herkese hatırlatır',
    ps: 'د غونډې مشر ټولو ته دا هم ور په یادوي',
    it: 'Il presidente ricorda anche a tutti',
    bg: 'Председателят също напомня на всички',
    so: 'Guddoomiyuhu sidoo kale wuxuu qof walba xasuusiyaa',
    'zh-Hans': '主持人也会提醒大家',
    ta: 'தலைவர் எல்லோருக்கும் இதையும் நினைவூட்டுவார்',
  },
  babiesNever: {
    pl: 'Niemowlęta i małe dzieci nigdy nie przychodzą',
    ro: 'Bebelușii și copiii mici nu vin niciodată',
    pa: 'ਨਿਆਣੇ ਅਤੇ ਛੋਟੇ ਬੱਚੇ ਕਦੇ ਨਹੀਂ ਆਉਂਦੇ',
    ur: 'چھوٹے بچے اور شیر خوار بچے کبھی نہیں آتے',
    pt: 'Os bebés e as crianças pequenas nunca vão',
    es: 'Los bebés y los niños pequeños nunca van',
    ar: 'أما الرضّع والأطفال الصغار فلا يحضرون أبدًا',
    bn: 'কোলের শিশু আর ছোট বাচ্চারা কখনও আসে না',
    fr: 'Les bébés et les jeunes enfants ne viennent jamais',
    ru: 'Младенцы и маленькие дети никогда не приходят',
    lt: 'Kūdikiai ir maži vaikai niekada neateina',
    gu: 'ધાવણાં બાળકો અને નાનાં બાળકો ક્યારેય આવતાં નથી',
    fa: 'نوزادان و کودکان کم‌سن هرگز نمی‌آیند',
    tr: 'Bebekler ve küçük çocuklar asla gelmez',
    ps: 'نوي زېږېدلي او کوچني ماشومان هېڅکله نه راځي',
    it: 'I neonati e i bambini piccoli non vengono mai',
    bg: 'Бебетата и малките деца никога не идват',
    so: 'Dhallaanka iyo carruurta yaryar marna ma yimaadaan',
    'zh-Hans': '婴儿和年幼的孩子从来不来',
    ta: 'கைக்குழந்தைகளும் சிறு குழந்தைகளும் ஒருபோதும் வருவதில்லை',
  },
  babiesDoNotCome: {
    pl: 'Małe dzieci i niemowlęta nie przychodzą na spotkanie',
    ro: 'Copiii mici și bebelușii nu vin la ședință',
    pa: 'ਛੋਟੇ ਬੱਚੇ ਅਤੇ ਨਿਆਣੇ ਮੀਟਿੰਗ ਵਿੱਚ ਨਹੀਂ ਆਉਂਦੇ',
    ur: 'چھوٹے بچے اور شیر خوار بچے میٹنگ میں نہیں آتے',
    pt: 'As crianças pequenas e os bebés não vão à reunião',
    es: 'Los niños pequeños y los bebés no van a la reunión',
    ar: 'الأطفال الصغار والرضّع لا يحضرون الاجتماع',
    bn: 'ছোট বাচ্চা আর কোলের শিশুরা সভায় আসে না',
    fr: 'Les jeunes enfants et les bébés ne viennent pas à la réunion',
    ru: 'Маленькие дети и младенцы не приходят на встречу',
    lt: 'Maži vaikai ir kūdikiai į susitikimą neateina',
    gu: 'નાનાં બાળકો અને ધાવણાં બાળકો મીટિંગમાં આવતાં નથી',
    fa: 'کودکان کم‌سن و نوزادان به جلسه نمی‌آیند',
    tr: 'Küçük çocuklar ve bebekler toplantıya gelmez',
    ps: 'کوچني ماشومان او نوي زېږېدلي ماشومان غونډې ته نه راځي',
    it: 'I bambini piccoli e i neonati non vengono alla riunione',
    bg: 'Малките деца и бебетата не идват на срещата',
    so: 'Carruurta yaryar iyo dhallaanku ma yimaadaan kulanka',
    'zh-Hans': '年幼的孩子和婴儿不来参加会议',
    ta: 'சிறு குழந்தைகளும் கைக்குழந்தைகளும் கூட்டத்துக்கு வருவதில்லை',
  },
  aroundATable: {
    pl: 'przy stole',
    ro: 'în jurul unei mese',
    pa: 'ਮੇਜ਼ ਦੁਆਲੇ',
    ur: 'میز کے گرد',
    pt: 'à volta de uma mesa',
    es: 'alrededor de una mesa',
    ar: 'حول طاولة',
    bn: 'টেবিল ঘিরে',
    fr: "autour d'une table",
    ru: 'вокруг стола',
    lt: 'prie stalo',
    gu: 'ટેબલની આસપાસ',
    fa: 'دور یک میز',
    tr: 'bir masanın etrafında',
    ps: 'د یوې مېز شاوخوا',
    it: 'intorno a un tavolo',
    bg: 'около маса',
    so: 'miis hareerihiisa',
    'zh-Hans': '围着一张桌子',
    ta: 'ஒரு மேசையைச் சுற்றி',
  },
  alsoTalkWellBefore: {
    pl: 'Porozmawiaj o tym też z pracownikiem socjalnym Twojego dziecka odpowiednio wcześnie',
    ro: 'Vorbiți despre asta și cu asistentul social al copilului, cu mult înainte de ședință',
    pa: 'ਮੀਟਿੰਗ ਤੋਂ ਕਾਫ਼ੀ ਪਹਿਲਾਂ ਆਪਣੇ ਬੱਚੇ ਦੇ ਸੋਸ਼ਲ ਵਰਕਰ ਨਾਲ ਵੀ ਇਸ ਬਾਰੇ ਗੱਲ ਕਰੋ',
    ur: 'میٹنگ سے کافی پہلے اپنے بچے کے سوشل ورکر سے بھی اس بارے میں بات کر لیں',
    pt: 'Fale também sobre isto com o assistente social do seu filho, bem antes da reunião',
    es: 'Hable también de ello con el trabajador social de su hijo con bastante tiempo antes de la reunión',
    ar: 'ومن المفيد أيضًا الحديث عن ذلك مع الأخصائي الاجتماعي لطفلك قبل الاجتماع بوقت كافٍ',
    bn: 'সভার অনেক আগেই আপনার সন্তানের সোশ্যাল ওয়ার্কারের সাথেও এ নিয়ে কথা বলুন',
    fr: "Parlez-en aussi avec l'assistant social de votre enfant, bien avant la réunion",
    ru: 'Поговорите об этом и с социальным работником вашего ребёнка задолго до встречи',
    lt: 'Apie tai gerokai prieš susitikimą pasikalbėkite ir su savo vaiko socialiniu darbuotoju',
    gu: 'મીટિંગના ઘણા સમય પહેલાં તમારા બાળકના સોશિયલ વર્કર સાથે પણ આ વિશે વાત કરો',
    fa: 'همچنین خیلی پیش از جلسه با مددکار اجتماعی فرزندتان هم در این باره صحبت کنید',
    tr: 'Bunu toplantıdan epey önce çocuğunuzun sosyal hizmet uzmanıyla da konuşun',
    ps: 'همدارنګه له غونډې ډېر مخکې د خپل ماشوم له ټولنیز کارکوونکي سره هم د دې په اړه خبرې وکړئ',
    it: "Ne parli anche con l'assistente sociale di suo figlio, molto prima della riunione",
    bg: 'Говорете за това и със социалния работник на детето ви доста преди срещата',
    so: 'Sidoo kale arrintan kala hadal shaqaalaha bulshada ee ilmahaaga wakhti badan kulanka ka hor',
    'zh-Hans': '也请在会议前早一点和您孩子的社工谈一谈',
    ta: 'கூட்டத்துக்கு நீண்ட நாட்கள் முன்பே இது பற்றி உங்கள் குழந்தையின் சமூகப் பணியாளரிடமும் பேசுங்கள்',
  },
} satisfies Record<string, Record<Lang, string>>;

const SENTENCES: Sentence[] = [
  // Hartlepool's leaflet: both parents are always invited, even if they live apart.
  {
    says: 'both parents are always invited, even if they live apart',
    page: 'who-will-be-there',
    key: 'council:bothParents.always',
    trueFor: ['hartlepool'],
    holds: (a) => stated(a.practice.bothParentsInvited),
  },
  // Torbay's leaflet (for professionals): consensus or majority, the chair decides a split.
  {
    says: 'the decision goes with what all or most of the workers think',
    page: 'at-the-conference',
    key: 'council:decisionMajority',
    trueFor: ['torbay'],
    holds: (a) => stated(a.practice.decisionByMajority),
  },
  {
    says: 'the chair follows what most of them think',
    page: 'at-the-conference',
    was: {
      pl: 'przewodniczący kieruje się tym, co myśli większość z nich',
      ro: 'președintele ține cont de ce crede majoritatea',
      pa: 'ਚੇਅਰ ਉਹ ਮੰਨਦੇ ਹਨ ਜੋ ਜ਼ਿਆਦਾਤਰ ਵਰਕਰ ਸੋਚਦੇ ਹਨ',
      ur: 'چیئر اس بات کو مانتے ہیں جو زیادہ تر ورکرز سوچتے ہیں',
      pt: 'o presidente segue o que a maioria pensa',
      es: 'el presidente sigue lo que piensa la mayoría',
      ar: 'يأخذ رئيس الاجتماع برأي أغلبهم',
      bn: 'বেশিরভাগ কর্মী যা মনে করেন, সভাপতি সেটাই মেনে নেন',
      fr: "le président suit l'avis de la majorité",
      ru: 'председатель следует мнению большинства',
      lt: 'pirmininkas vadovaujasi tuo, ką mano dauguma',
      gu: 'મોટાભાગના કર્મચારીઓ જે વિચારે છે તે અધ્યક્ષ માની લે છે',
      fa: 'رئیس جلسه همان چیزی را می‌پذیرد که بیشترشان فکر می‌کنند',
      tr: 'başkan çoğunluğun düşüncesine uyar',
      ps: 'د غونډې مشر هغه مني چې ډېری یې فکر کوي',
      it: 'il presidente segue quello che pensa la maggioranza',
      bg: 'председателят се съобразява с мнението на мнозинството',
      so: 'guddoomiyuhu wuxuu raacaa waxa ay inta badani qabaan',
      'zh-Hans': '主持人会按照大多数人的意见',
      ta: 'அவர்களில் பெரும்பாலானவர்கள் நினைப்பதையே தலைவர் பின்பற்றுவார்',
    },
    trueFor: [],
  },
  // Kingston's leaflet: a special panel hearing and the complaints manager; a questionnaire when a plan ends.
  {
    says: 'a complaint may lead to a special meeting to look at what happened',
    page: 'how-to-complain',
    key: 'council:complaintPanel',
    trueFor: ['kingston'],
    holds: (a) => stated(a.practice.complaintPanel),
  },
  {
    says: 'you are asked to fill in a short form about how things went',
    page: 'life-on-a-plan',
    key: 'council:endOfPlanForm',
    trueFor: ['kingston'],
    holds: (a) => stated(a.practice.endOfPlanQuestionnaire),
  },
  // Barnsley's leaflet: no age, the chair decides with the parent and the social worker.
  {
    says: 'there is no set age. The chair decides',
    page: 'can-my-child-come',
    key: 'council:childAge.chairDecides',
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.rules.childInvitedFromAge) === null && valueOf(a.rules.childAttendance) === 'chair-decides',
  },
  {
    says: 'the chair meets your child before the meeting, depending on their age',
    page: 'can-my-child-come',
    key: 'council:chairMeetsChild',
    trueFor: ['barnsley'],
    holds: (a) => stated(a.practice.chairMeetsChild),
  },
  // Interpreters: Kingston's and Redbridge's leaflets send parents to the social worker; no leaflet says it is free.
  {
    says: 'They can arrange an interpreter for you',
    page: 'interpreters-and-help',
    key: 'council:interpreter.social-worker-arranges',
    trueFor: ['kingston', 'redbridge'],
    holds: (a) => valueOf(a.rules.interpreter) === 'social-worker-arranges',
  },
  {
    says: 'has not said how to ask for an interpreter',
    page: 'interpreters-and-help',
    key: 'council:interpreter.notStated',
    trueFor: ['barnsley', 'torbay'],
    holds: (a) => !stated(a.rules.interpreter),
  },
  {
    says: 'You do not pay',
    page: 'interpreters-and-help',
    was: {
      pl: 'Nic za to nie płacisz',
      ro: 'Nu plătiți nimic pentru asta',
      pa: 'ਤੁਹਾਨੂੰ ਇਸਦੇ ਪੈਸੇ ਨਹੀਂ ਦੇਣੇ ਪੈਂਦੇ',
      ur: 'آپ کو اس کے پیسے نہیں دینے پڑتے',
      pt: 'Não tem de pagar nada',
      es: 'Usted no paga nada',
      ar: 'ولن يُطلب منك دفع أي شيء',
      bn: 'এর জন্য আপনাকে টাকা দিতে হবে না',
      fr: 'Vous ne payez rien',
      ru: 'Платить за это не нужно',
      lt: 'Už tai nieko nemokate',
      gu: 'તમારે આ માટે કોઈ પૈસા ચૂકવવા પડતા નથી',
      fa: 'لازم نیست پولی بدهید',
      tr: 'Bunun için hiçbir ücret ödemezsiniz',
      ps: 'تاسو یې پیسې نه ورکوئ',
      it: 'Non deve pagare nulla',
      bg: 'Не плащате нищо за това',
      so: 'Lacag ma bixinaysid',
      'zh-Hans': '您不用付任何费用',
      ta: 'இதற்கு நீங்கள் பணம் கொடுக்க வேண்டியதில்லை',
    },
    trueFor: [],
  },
  // Core group: every 4 weeks in Barnsley and Torbay; "regularly" elsewhere.
  {
    says: 'After that, it meets every 4 weeks',
    page: 'life-on-a-plan',
    key: 'council:coreGroupEvery.weeks',
    values: { count: 4 },
    trueFor: ['barnsley', 'torbay'],
    holds: (a) => valueOf(a.rules.coreGroupEveryWeeks) === 4,
  },
  {
    says: 'After that, it meets regularly',
    page: 'life-on-a-plan',
    key: 'council:coreGroupEvery.notStated',
    trueFor: ['kingston', 'redbridge', 'hartlepool'],
    holds: (a) => !stated(a.rules.coreGroupEveryWeeks),
  },
  {
    says: 'at least every 4 weeks',
    page: 'life-on-a-plan',
    was: {
      pl: 'Potem spotyka się co najmniej raz na {{count}} tygodnie',
      ro: 'se întâlnește cel puțin o dată la {{count}} săptămâni',
      pa: 'ਇਹ ਘੱਟੋ-ਘੱਟ ਹਰ {{count}} ਹਫ਼ਤਿਆਂ ਵਿੱਚ ਇੱਕ ਵਾਰ ਮਿਲਦਾ ਹੈ',
      ur: 'یہ کم از کم ہر {{count}} ہفتے بعد ملتا ہے',
      pt: 'reúne-se pelo menos a cada {{count}} semanas',
      es: 'se reúne al menos cada {{count}} semanas',
      ar: 'تجتمع المجموعة مرة كل {{count}} أسابيع على الأقل',
      bn: 'এই দলের সভা অন্তত প্রতি {{count}} সপ্তাহে একবার হয়',
      fr: 'il se réunit au moins toutes les {{count}} semaines',
      ru: 'собирается не реже чем раз в {{count}} недели',
      lt: 'ji susitinka bent kas {{count}} savaites',
      gu: 'તે ઓછામાં ઓછા દર {{count}} અઠવાડિયે એક વાર મળે છે',
      fa: 'دست‌کم هر {{count}} هفته یک بار دور هم جمع می‌شود',
      tr: 'en az {{count}} haftada bir toplanır',
      ps: 'لږ تر لږه هرې {{count}} اونۍ یو ځل سره ګوري',
      it: 'si riunisce almeno ogni {{count}} settimane',
      bg: 'се събира поне веднъж на {{count}} седмици',
      so: 'kooxdu waxay kulantaa ugu yaraan {{count}}-dii toddobaad mar',
      'zh-Hans': '至少每 4 周见一次面',
      ta: 'அது குறைந்தது {{count}} வாரங்களுக்கு ஒரு முறை சந்திக்கும்',
    },
    trueFor: [],
  },
  // Barnsley's record is typed during the meeting by a member of staff; nobody's is "on a big screen".
  {
    says: 'types the main points during the meeting',
    page: 'at-the-conference',
    key: 'council:recording.typed-during-meeting',
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.rules.recording) === 'typed-during-meeting',
  },
  {
    says: 'big screen',
    page: 'at-the-conference',
    was: {
      pl: 'notatki na dużym ekranie',
      ro: 'notițe pe un ecran mare',
      pa: "ਇੱਕ ਵੱਡੀ ਸਕਰੀਨ 'ਤੇ ਨੋਟ ਟਾਈਪ",
      ur: 'بڑی اسکرین پر نوٹس ٹائپ',
      pt: 'notas num ecrã grande',
      es: 'notas en una pantalla grande',
      ar: 'ملاحظات على شاشة كبيرة',
      bn: 'বড় পর্দায় নোট টাইপ',
      fr: 'notes sur un grand écran',
      ru: 'на большом экране',
      lt: 'užrašai dideliame ekrane',
      gu: 'મોટી સ્ક્રીન પર નોંધ ટાઇપ',
      fa: 'روی یک صفحهٔ بزرگ',
      tr: 'büyük bir ekranda notlar',
      ps: 'په یوې لویې پردې',
      it: 'appunti su un grande schermo',
      bg: 'на голям екран',
      so: 'shaashad weyn',
      'zh-Hans': '大屏幕',
      ta: 'பெரிய திரையில்',
    },
    trueFor: [],
  },
  // Barnsley's routine safety scale.
  {
    says: 'on a scale of 0 to 10',
    page: 'at-the-conference',
    key: 'council:safetyScale',
    values: { count: 10 },
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.practice.safetyScaleTo) === 10,
  },
  // Torbay's leaflet: 1 to 2 hours, one observer, reports 24 hours before to its Safeguarding and Reviewing Service.
  {
    says: 'usually takes 1 to 2 hours',
    page: 'at-the-conference',
    key: 'council:meetingLength',
    values: { from: 1, count: 2 },
    trueFor: ['torbay'],
    holds: (a) => stated(a.practice.meetingHours),
  },
  {
    says: 'only 1 observer can come to each meeting',
    page: 'who-will-be-there',
    key: 'council:observers',
    values: { count: 1 },
    trueFor: ['torbay'],
    holds: (a) => valueOf(a.practice.observersMax) === 1,
  },
  {
    says: 'send your report to the Safeguarding and Reviewing Service at least 24 hours before the meeting',
    page: 'for-professionals',
    key: 'council:professionalReports',
    values: { count: 24 },
    trueFor: ['torbay'],
    holds: (a) => valueOf(a.practice.professionalReports)?.hours === 24,
  },
  {
    says: 'You can ask the Safeguarding and Reviewing Service for these reports',
    page: 'professionals-after-the-conference',
    key: 'council:agencyReports',
    trueFor: ['torbay'],
    holds: (a) => stated(a.practice.agencyReportsFrom),
  },
  // Reports should reach parents before the meeting; no council but Redbridge and Hartlepool says how many days.
  {
    says: 'a few days before the meeting',
    page: 'before-the-conference',
    was: {
      pl: 'Raporty powinny do Ciebie dotrzeć kilka dni przed spotkaniem',
      ro: 'Ar trebui să primiți rapoartele cu câteva zile înainte de ședință',
      pa: 'ਰਿਪੋਰਟਾਂ ਤੁਹਾਨੂੰ ਮੀਟਿੰਗ ਤੋਂ ਕੁਝ ਦਿਨ ਪਹਿਲਾਂ ਮਿਲ ਜਾਣੀਆਂ ਚਾਹੀਦੀਆਂ ਹਨ',
      ur: 'رپورٹیں آپ کو میٹنگ سے کچھ دن پہلے مل جانی چاہییں',
      pt: 'Deve receber os relatórios alguns dias antes da reunião',
      es: 'Debe recibir los informes unos días antes de la reunión',
      ar: 'يجب أن تصلك التقارير قبل الاجتماع ببضعة أيام',
      bn: 'সভার কয়েক দিন আগে আপনার রিপোর্টগুলি পাওয়ার কথা',
      fr: 'Vous devez recevoir les rapports quelques jours avant la réunion',
      ru: 'за несколько дней до встречи',
      lt: 'Ataskaitas turėtumėte gauti keletą dienų prieš susitikimą',
      gu: 'મીટિંગના થોડા દિવસ પહેલાં તમને રિપોર્ટ મળી જવા જોઈએ',
      fa: 'گزارش‌ها باید چند روز پیش از جلسه به دستتان برسد',
      tr: 'Raporları toplantıdan birkaç gün önce almanız gerekir',
      ps: 'راپورونه باید له غونډې څو ورځې مخکې تاسو ته ورسېږي',
      it: 'Dovrebbe ricevere le relazioni qualche giorno prima della riunione',
      bg: 'няколко дни преди срещата',
      so: 'Warbixinnadu waa inay ku soo gaaraan dhowr maalmood kulanka ka hor',
      'zh-Hans': '会议前几天',
      ta: 'கூட்டத்துக்குச் சில நாட்கள் முன்பு',
    },
    trueFor: [],
  },
  {
    says: "Call the council's conference team",
    page: 'bringing-a-supporter',
    was: {
      pl: 'zadzwoń do zespołu ds. konferencji w urzędzie',
      ro: 'Sunați cât mai repede la echipa de organizare a ședințelor',
      pa: 'ਕੌਂਸਲ ਦੀ ਕਾਨਫਰੰਸ ਟੀਮ ਨੂੰ ਫ਼ੋਨ ਕਰੋ',
      ur: 'کونسل کی کانفرنس ٹیم کو فون کریں',
      pt: 'Ligue para a equipa das conferências da câmara municipal',
      es: 'Llame cuanto antes al equipo de reuniones del ayuntamiento',
      ar: 'يُرجى الاتصال بفريق الاجتماعات في المجلس المحلي',
      bn: 'কাউন্সিলের কনফারেন্স টিমকে ফোন করুন',
      fr: "Appelez l'équipe des réunions de la mairie",
      ru: 'Позвоните в команду совета по конференциям',
      lt: 'Paskambinkite savivaldybės konferencijų komandai',
      gu: 'કાઉન્સિલની કોન્ફરન્સ ટીમને ફોન કરો',
      fa: 'به تیم جلسه‌های شورا زنگ بزنید',
      tr: 'Belediyenin konferans ekibini arayın',
      ps: 'د کونسل د غونډو ټیم ته زنګ ووهئ',
      it: 'Chiami il team delle riunioni del comune',
      bg: 'Обадете се на екипа на общината за конференциите',
      so: 'Wac kooxda shirarka ee golaha degmada',
      'zh-Hans': '打电话给地方政府的会议团队',
      ta: 'கவுன்சிலின் கூட்டக் குழுவை அழையுங்கள்',
    },
    trueFor: [],
  },
  // Reports: Redbridge (2 working days, first conference only) and Hartlepool (2 and 5 days) alone set days.
  {
    says: 'you should get the reports at least 2 working days before it',
    page: 'before-the-conference',
    key: 'council:reports.initial.working',
    values: { count: 2 },
    trueFor: ['redbridge'],
    holds: (a) => valueOf(a.rules.reportSharing.initial)?.dayType === 'working',
  },
  {
    says: 'you should get the reports at least 5 days before it',
    page: 'before-the-conference',
    key: 'council:reports.review.calendar',
    values: { count: 5 },
    trueFor: ['hartlepool'],
    holds: (a) => valueOf(a.rules.reportSharing.review)?.days === 5,
  },
  // Kingston's "about 3 weeks" was once turned into a firm 21 days.
  { says: 'within 21 days', page: 'the-decisions', key: 'council:minutes', values: { count: 21 }, trueFor: [] },
  // The rules table: complaint window, supporter notice, written records, children's ages, visits, plan length.
  {
    says: 'days after the conference to make a complaint',
    page: 'how-to-complain',
    key: 'council:complaintWindow',
    trueFor: ['kingston'],
    holds: (a) => stated(a.rules.complaint.windowDays),
  },
  {
    says: 'has not set a time limit for complaints',
    page: 'how-to-complain',
    key: 'council:complaintWindow.notStated',
    trueFor: ['redbridge', 'barnsley', 'hartlepool', 'torbay'],
    holds: (a) => !stated(a.rules.complaint.windowDays),
  },
  {
    says: 'Tell the chair who is coming with you at least 2 days before',
    page: 'bringing-a-supporter',
    key: 'council:supporterNotice',
    values: { count: 2 },
    trueFor: ['redbridge'],
    holds: (a) => valueOf(a.rules.supporterNoticeDays) === 2,
  },
  {
    says: 'decisions in writing within 48 hours',
    page: 'the-decisions',
    key: 'council:decisions',
    values: { count: 48 },
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.decisionsWithinHours) === 48,
  },
  {
    says: 'decisions in writing within 24 hours',
    page: 'the-decisions',
    key: 'council:decisions',
    values: { count: 24 },
    trueFor: ['torbay'],
    holds: (a) => valueOf(a.rules.decisionsWithinHours) === 24,
  },
  {
    says: 'minutes about 3 weeks after',
    page: 'the-decisions',
    key: 'council:minutes.aboutWeeks',
    values: { count: 3 },
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.minutes)?.about === true,
  },
  {
    says: 'minutes within 28 days',
    page: 'the-decisions',
    key: 'council:minutes',
    values: { count: 28 },
    trueFor: ['hartlepool'],
    holds: (a) => valueOf(a.rules.minutes)?.count === 28,
  },
  {
    says: 'the conference is recorded on audio',
    page: 'at-the-conference',
    key: 'council:recording.audio-recorded',
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.recording) === 'audio-recorded',
  },
  {
    says: 'children aged 11 and over are invited',
    page: 'can-my-child-come',
    key: 'council:childAge.fromAge',
    values: { age: 11 },
    trueFor: ['hartlepool'],
    holds: (a) => valueOf(a.rules.childInvitedFromAge) === 11,
  },
  {
    says: 'children aged 10 and over are invited',
    page: 'can-my-child-come',
    key: 'council:childAge.fromAge',
    values: { age: 10 },
    trueFor: ['redbridge'],
    holds: (a) => valueOf(a.rules.childInvitedFromAge) === 10,
  },
  {
    says: 'visits your child at least every 2 weeks',
    page: 'life-on-a-plan',
    key: 'council:visits',
    values: { count: 2 },
    trueFor: ['barnsley'],
    holds: (a) => valueOf(a.rules.visitsEveryWeeks) === 2,
  },
  {
    says: 'longer than 2 years',
    page: 'life-on-a-plan',
    key: 'council:planAim',
    values: { count: 2 },
    trueFor: ['kingston'],
    holds: (a) => valueOf(a.rules.planAimMaxYears) === 2,
  },
  // Barnsley's leaflet: a confidential police slot that families do not attend.
  {
    says: 'there may be a private part of the meeting where the police share facts',
    page: 'at-the-conference',
    key: 'council:policeOnlyPart',
    trueFor: ['barnsley'],
    holds: (a) => stated(a.practice.policeOnlyPart),
  },
  {
    says: 'The police may need to share facts about other people',
    page: 'at-the-conference',
    was: WAS.policeSlot,
    trueFor: [],
  },
  // Kingston's leaflet: confidentiality "is always stressed at the start"; a council solicitor sometimes attends.
  {
    says: 'the chair reminds everyone of this at the start of every conference',
    page: 'at-the-conference',
    key: 'council:confidentialReminder',
    trueFor: ['kingston'],
    holds: (a) => stated(a.practice.chairRemindsConfidential),
  },
  { says: 'The chair also reminds everyone', page: 'at-the-conference', was: WAS.chairReminds, trueFor: [] },
  {
    says: 'a council lawyer sometimes comes to give the meeting legal advice',
    page: 'who-will-be-there',
    key: 'council:councilLawyer',
    trueFor: ['kingston'],
    holds: (a) => stated(a.practice.councilLawyerAttends),
  },
  // Kingston's leaflet: "Young children and babies never attend" (its own childAge sentence says so, in its words).
  { says: 'Babies and young children never do', page: 'can-my-child-come', was: WAS.babiesNever, trueFor: [] },
  {
    says: 'Young children and babies do not come to the meeting',
    page: 'can-my-child-come',
    was: WAS.babiesDoNotCome,
    trueFor: [],
  },
  // Barnsley's leaflet: "large rooms with everyone sitting ... around a table".
  { says: 'around a table', page: 'who-will-be-there', was: WAS.aroundATable, trueFor: [] },
  // Redbridge's leaflet: its reasons for asking a parent not to come, police information, reviewed every conference.
  {
    says: 'The chair thinks about the decision again at every conference',
    page: 'if-you-cannot-come',
    key: 'council:exclusionReasons',
    trueFor: ['redbridge'],
    holds: (a) => stated(a.practice.exclusionReasons),
  },
  // Kingston's leaflet: talk to the social worker "well before"; it is said from its profile only.
  {
    says: "Also talk about it with your child's social worker well before the meeting",
    page: 'bringing-a-supporter',
    was: WAS.alsoTalkWellBefore,
    trueFor: [],
  },
];

const stated = (f: Fact<unknown>) => f.source !== 'not-stated';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Unicode isolates a right-to-left language puts around a value (src/i18n/index.ts). */
const ISOLATES = '[\u2068\u2069]?';

/**
 * A sentence's words in one language as a pattern: each `{{value}}` fixed in `values`
 * must be that number (in ASCII digits: page text, and the words around it, are read through `digits`), any
 * other (the council's name, a service) may be any short run of words.
 */
function pattern(template: string, values: Record<string, number> = {}): RegExp {
  const source = template
    .split(/({{\s*\w+\s*}})/)
    .map((part, i, parts) => {
      const name = /^{{\s*(\w+)\s*}}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(digits(part)).replace(/\s+/g, '\\s+');
      const fixed = values[name];
      if (fixed !== undefined) return `${ISOLATES}${fixed}${ISOLATES}`;
      // At the start, "any short run of words" before the rest matches exactly when the one
      // character before the rest is not a sentence's end: said so, the pattern is tried once
      // a position instead of 80 times (the walk over every page in every language took 30 s).
      return i === 1 && parts[0] === '' ? '(?<=[^.!?।۔])' : '[^.!?।۔]{1,80}?';
    })
    .join('');
  return new RegExp(source, 'iu');
}

/** Every form (plural forms too) of a council string in one language, as patterns. */
function patternsIn(lang: Lang, s: Sentence): RegExp[] {
  if (s.was) return [pattern(s.was[lang])];
  if (!s.key) return [];
  const [ns, base] = s.key.split(':') as [string, string];
  const strings = resources[lang]?.[ns] ?? {};
  // A fixed count says which plural form the page would show (Arabic's "zero" form has no number).
  const count = s.values?.count;
  const form = count === undefined ? null : `${base}_${new Intl.PluralRules(lang).select(count)}`;
  return Object.entries(strings)
    .filter(([k]) =>
      form === null
        ? k === base || k.replace(/_(zero|one|two|few|many|other)$/, '') === base
        : k === base || k === form,
    )
    .map(([, template]) => pattern(template, s.values));
}

/**
 * Numbers the pages may carry in shared text: they are the same for every
 * council (the law, the portal's own settings, dates), never a council's rule.
 * Anything else with a digit in it must sit inside a council fact and come from the profile.
 */
const SITE_NUMBERS: RegExp[] = [
  /Page last checked: \w+ \d{1,2}, \d{4}/g, // the page's own date
  /section 47|Children Act 1989|[Ii]n 2019/g, // the law; partnerships replaced boards in 2019
  /under 18/g, // a child, in law
  /\b(2 kinds of conference|3 possible outcomes|4 kinds of harm|There are 4:|4 categories|4 jobs)/g, // national structure
  /WCAG 2\.2|200%|320 pixels|1 tiny dot|30 minutes|after 30 days|within 1 month|3 times|1 cookie|1 exception/g, // the site's own settings and the law (privacy, cookies, accessibility)
  /For example, \d{1,2} \d{1,2} \d{4}/g, // the timeline's date examples
  /\b999\b/g, // emergency
  /(Family Rights Group advice line: )?0808 801 0366/g, // national help
  /on 22 November 2026/g, // the accessibility statement's date
];

const digits = (s: string) =>
  s.replace(/[٠-٩۰-۹০-৯੦-੯]/g, (d) => {
    const c = d.charCodeAt(0);
    for (const zero of [0x660, 0x6f0, 0x9e6, 0xa66]) if (c >= zero && c <= zero + 9) return String(c - zero);
    return d;
  });

/** Every number in a value (nested objects and arrays too). */
const numbersIn = (v: unknown): number[] =>
  typeof v === 'number'
    ? [v]
    : v && typeof v === 'object'
      ? Object.values(v as Record<string, unknown>).flatMap(numbersIn)
      : [];

/** The profile value behind a council fact, for tracing its numbers. */
function factValue(name: CouncilFactName, a: Authority): unknown {
  const r = a.rules;
  const p = a.practice;
  const values: Record<CouncilFactName, unknown> = {
    initialWithin: valueOf(r.initialConferenceWithinWorkingDays),
    supporterNotice: valueOf(r.supporterNoticeDays),
    reportsInitial: valueOf(r.reportSharing.initial),
    reportsReview: valueOf(r.reportSharing.review),
    workingDay: null,
    childAge: valueOf(r.childInvitedFromAge),
    recording: null,
    decisions: valueOf(r.decisionsWithinHours),
    minutes: valueOf(r.minutes),
    firstReview: valueOf(r.firstReviewWithinMonths),
    laterReviews: valueOf(r.laterReviewsEveryMonths),
    coreGroupFirst: valueOf(r.coreGroupFirstWithinWorkingDays),
    coreGroupEvery: valueOf(r.coreGroupEveryWeeks),
    visits: valueOf(r.visitsEveryWeeks),
    planAim: valueOf(r.planAimMaxYears),
    complaintWindow: valueOf(r.complaint.windowDays),
    complaintRoute: null,
    interpreter: null,
    bothParents: null,
    decisionMajority: null,
    // "0 to 10": the scale starts at 0.
    safetyScale: ((to) => (to === null ? null : [0, to]))(valueOf(p.safetyScaleTo)),
    chairMeetsChild: null,
    complaintPanel: null,
    endOfPlanForm: null,
    meetingLength: valueOf(p.meetingHours),
    observers: valueOf(p.observersMax),
    professionalReports: valueOf(p.professionalReports),
    agencyReports: null,
    policeOnlyPart: null,
    confidentialReminder: null,
    councilLawyer: null,
    exclusionReasons: null,
  };
  return values[name];
}

/** Every phone number, email address and web address the profile gives with a source. */
function profileContacts(a: Authority): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if ('source' in node && 'value' in node) {
      if ((node as Fact<unknown>).source === 'not-stated') return;
      const v = (node as { value: unknown }).value;
      for (const s of Array.isArray(v) ? v : [v])
        if (typeof s === 'string' && /^(0[\d ]+|[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(s)) found.add(s);
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(a);
  for (const o of a.contacts.others) if (o.phone) found.add(o.phone);
  for (const line of valueOf(a.contacts.postalAddress) ?? []) found.add(line);
  return found;
}

/** Clock times as shown ("8:30 AM", "16:30"), as HH:MM. */
const TIME = /\b(\d{1,2})[:.](\d{2})(?: ?([AP]M))?/g;
const clock = (h: string, m: string, half?: string) =>
  `${String((Number(h) % 12) + (half === 'PM' ? 12 : half === 'AM' ? 0 : Math.floor(Number(h) / 12) * 12)).padStart(2, '0')}:${m}`;
/** The opening and closing times the profile gives with a source. */
const profileTimes = (a: Authority) => (valueOf(a.contacts.openingHours) ?? []).flatMap((o) => [o.opens, o.closes]);

const main = (html: string) => /<main\b[\s\S]*?<\/main>/.exec(html)?.[0] ?? '';
const FACT_SPAN = /<span data-council-fact="([^"]+)">([\s\S]*?)<\/span>/g;
const PHONE = /(?<![\d])0\d{2,4}(?: ?\d){6,8}(?![\d])/g;

describe.each(authorityIds as Id[])('the %s build tells the truth', (id) => {
  const authority = getAuthority(id);
  const site = built(id);
  const pages = site.pages();
  const english = pages.filter((p) => p.startsWith('/en/'));

  it('every council fact on a page has a number only where the profile has one, and the same number', () => {
    for (const path of pages.filter(inALanguage)) {
      for (const [, name, sentence] of site.html(path).matchAll(FACT_SPAN)) {
        expect(COUNCIL_FACTS, `${path}: data-council-fact="${name}"`).toContain(name);
        const fact = name as CouncilFactName;
        const numbers = [...digits(text(sentence ?? '')).matchAll(/\d+/g)].map((m) => Number(m[0]));
        if (numbers.length === 0) continue;
        expect(councilFactSource(fact, authority), `${path}: "${fact}" shows a number`).toMatch(
          /^(leaflet|national|council)$/,
        );
        const allowed = numbersIn(factValue(fact, authority));
        for (const n of numbers) expect(allowed, `${path}: "${text(sentence ?? '')}"`).toContain(n);
      }
    }
  });

  it('shared text carries no council number: every other number is the same for every council', () => {
    for (const path of english) {
      let rest = text(main(site.html(path)).replace(FACT_SPAN, ' '));
      for (const c of profileContacts(authority)) rest = rest.split(c).join(' ');
      rest = rest.replace(TIME, (t, h: string, m: string, half?: string) => {
        expect(profileTimes(authority), `${path}: the time ${t}`).toContain(clock(h, m, half));
        return ' ';
      });
      for (const pattern of SITE_NUMBERS) rest = rest.replace(pattern, ' ');
      const left = [...rest.matchAll(/[^.?!:]*\d[^.?!]*/g)].map((m) => m[0].trim());
      expect(left, `${path}: numbers in shared text that no profile value explains`).toEqual([]);
    }
  });

  it('translations carry no number the English page does not', () => {
    const numbers = (html: string) =>
      [
        ...digits(text(main(html).replace(FACT_SPAN, ' ')))
          // Times are checked against the profile in English; other languages write them their own way.
          .replace(TIME, ' ')
          // A date with its month as a number (Chinese 2026年11月22日), where English names the month.
          .replace(/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g, ' ')
          .matchAll(/\d+/g),
      ]
        .map((m) => m[0])
        .sort();
    for (const path of english) {
      const en = numbers(site.html(path));
      for (const { code } of LOCALES.filter((l) => l.code !== 'en')) {
        const other = path.replace(/^\/en\//, `/${code}/`);
        if (!pages.includes(other)) continue;
        const extra = numbers(site.html(other)).filter((n) => !en.includes(n));
        expect(extra, `${other}: numbers the English page does not have`).toEqual([]);
      }
    }
  });

  it('every phone number, email address and link to the council traces to its profile', () => {
    const contacts = profileContacts(authority);
    const national = new Set<string>([NATIONAL_HELP.familyRightsGroup.phone, NATIONAL_HELP.emergencyPhone]);
    const phones = new Set([...contacts, ...national].map((c) => c.replace(/\s/g, '')));
    for (const path of pages) {
      const html = site.html(path);
      for (const [, tel] of html.matchAll(/href="tel:([^"]+)"/g))
        expect([...phones], `${path}: tel:${tel}`).toContain(tel);
      for (const [, mail] of html.matchAll(/href="mailto:([^"?]+)/g))
        expect([...contacts], `${path}: mailto:${mail}`).toContain(mail);
      for (const [phone] of digits(text(html)).matchAll(PHONE))
        expect([...phones], `${path}: ${phone}`).toContain(phone.replace(/\s/g, ''));
      for (const [, url] of html.matchAll(/href="(https:\/\/[^"]+)"/g)) {
        const council = url === settings.EXIT_URL || [...contacts].some((c) => c.startsWith('https://') && url === c);
        expect(council, `${path}: a link to ${url} that the profile does not give`).toBe(true);
      }
    }
  });

  /** A page's text, read once, with every script's digits as ASCII digits (English pages have only those). */
  const pageText = new Map<string, string>();
  const read = (path: string) => pageText.get(path) ?? pageText.set(path, digits(text(site.html(path)))).get(path)!;

  it.each(SENTENCES.map((s) => [s.says, s] as const))('says "%s" only where it is true', (_says, s) => {
    if (s.holds) {
      expect(
        (authorityIds as Id[]).filter((a) => s.holds?.(getAuthority(a))),
        'councils whose profile says it',
      ).toEqual([...s.trueFor].sort());
    }
    // Any case: "Both parents are always…" at the start of a sentence is the same claim.
    const where = english.filter((p) => read(p).toLowerCase().includes(s.says.toLowerCase()));
    if (s.trueFor.includes(id))
      expect(where, `${id} builds should say it on /en/${s.page}/`).toContain(`/en/${s.page}/`);
    else expect(where, `${id}'s leaflet does not say this`).toEqual([]);
  });

  const TRANSLATIONS = LOCALES.map((l) => l.code).filter((c): c is Lang => c !== 'en');
  it.each(SENTENCES.map((s) => [s.says, s] as const))(
    'says "%s" only where it is true, in every language',
    (_says, s) => {
      for (const lang of TRANSLATIONS) {
        const patterns = patternsIn(lang, s);
        expect(patterns.length, `${lang}: the words for "${s.says}" (key or was)`).toBeGreaterThan(0);
        const where = pages
          .filter((p) => p.startsWith(`/${lang}/`))
          .filter((p) => patterns.some((re) => re.test(read(p))));
        if (s.trueFor.includes(id))
          expect(where, `${id} builds should say it on /${lang}/${s.page}/`).toContain(`/${lang}/${s.page}/`);
        else expect(where, `${id}'s leaflet does not say this, in ${lang} either`).toEqual([]);
      }
    },
  );
});

/** The fact map's facts that name the words a council's own build shows (`shows`). */
const shown = readdirSync('tests/fact-map')
  .filter((f) => f.endsWith('.json'))
  .flatMap(
    (f) =>
      JSON.parse(readFileSync(`tests/fact-map/${f}`, 'utf8')) as {
        leaflet: Id;
        page: string;
        fact: string;
        shows?: string;
      }[],
  )
  .filter((f): f is typeof f & { shows: string } => typeof f.shows === 'string');

describe('the fact map', () => {
  it('names what each council build shows for the facts only its leaflet has', () => {
    expect(shown.length).toBeGreaterThanOrEqual(10);
  });

  it.each(shown.map((f) => [`${f.leaflet}: ${f.fact}`, f] as const))('%s reaches its parents', (_name, f) => {
    expect(text(built(f.leaflet).html(`/en/${f.page}/`))).toContain(f.shows);
  });
});
