import { ENUMS } from './enums';
import { SUGGESTION_REASON_KINDS } from './suggestionLinks';
import type { Language, Localized } from './language';
import { AGREEMENT_KINDS, APPROVAL_KINDS, DATE_PROPERTIES, EVENT_KINDS, FUND_KINDS, IDENTITY_DECISION_KINDS, IDENTITY_STATUSES, ORGANIZATION_KINDS, PARTY_ROLES, POLICY_KINDS, SOURCE_KINDS, TECHNOLOGY_KINDS, TRIAL_PHASES, TRIAL_STATUSES } from './model';

/**
 * The words of the model's closed vocabularies in English, Japanese and
 * Traditional Chinese: what the pages show for a kind, a role, a source kind, a
 * disputed property, a country or a date, and what explanations say. Where the
 * sources use a term of their own it is that term (docs/glossary.md says which
 * digest or page gives it: 附款許可, 外國製造業者認定, 覚書, 締結 …).
 */

const l = (en: string, ja: string, zhHant: string): Localized => ({ en, ja, 'zh-Hant': zhHant });

/** One vocabulary: a term for each of `values`, checked complete by the type. */
const vocabulary = <V extends string>(_values: readonly V[], terms: Record<V, Localized>): Readonly<Record<V, Localized>> => terms;

/** Every translated vocabulary, by name. */
export const TERMS = {
  organizationKinds: vocabulary(ORGANIZATION_KINDS, {
    COMPANY: l('company', '企業', '公司'),
    PHARMA: l('pharmaceutical company', '製薬企業', '製藥公司'),
    CDMO: l('CDMO', 'CDMO（受託開発製造機関）', 'CDMO（委託開發製造機構）'),
    GOVERNMENT_AGENCY: l('government agency', '政府機関', '政府機關'),
    RESEARCH_INSTITUTE: l('research institute', '研究機関', '研究機構'),
    INDUSTRY_ASSOCIATION: l('industry association', '業界団体', '產業協會'),
    INVESTOR: l('investor', '投資家', '投資機構'),
    MEDIA: l('media', 'メディア', '媒體'),
    VENUE: l('venue', '会場', '會場'),
    REGULATOR: l('regulator', '規制当局', '主管機關'),
    UNIVERSITY: l('university', '大学', '大學'),
    HOSPITAL: l('hospital', '病院', '醫院'),
    FOUNDATION: l('foundation', '財団', '基金會'),
    SCIENCE_PARK: l('science park', 'サイエンスパーク', '科學園區'),
  }),
  technologyKinds: vocabulary(TECHNOLOGY_KINDS, {
    PLATFORM: l('platform', 'プラットフォーム', '平台'),
    PRODUCT: l('product', '製品', '產品'),
    THERAPY: l('therapy', '治療法', '療法'),
    DEVICE: l('device', '機器', '器材'),
    SERVICE: l('service', 'サービス', '服務'),
  }),
  fundKinds: vocabulary(FUND_KINDS, {
    PUBLIC_FUND: l('public fund', '公的基金', '公共基金'),
    VENTURE_FUND: l('venture fund', 'ベンチャーファンド', '創投基金'),
  }),
  policyKinds: vocabulary(POLICY_KINDS, {
    NATIONAL_STRATEGY: l('national strategy', '国家戦略', '國家戰略'),
    PILLAR: l('pillar', '柱', '支柱'),
    LAW: l('law', '法律', '法律'),
    REGULATION: l('regulation', '規則', '法規命令'),
    GUIDELINE: l('guideline', '指針', '指引'),
    REGULATORY_FRAMEWORK: l('regulatory framework', '規制の枠組み', '管理架構'),
    PROGRAMME: l('programme', 'プログラム', '計畫'),
  }),
  eventKinds: vocabulary(EVENT_KINDS, {
    INVESTMENT_FORUM: l('investment forum', '投資フォーラム', '投資論壇'),
    CONFERENCE: l('conference', '会議', '研討會'),
    NETWORKING_EVENT: l('networking event', '交流会', '交流會'),
    DELEGATION_VISIT: l('delegation visit', '訪問団', '參訪團'),
  }),
  agreementKinds: vocabulary(AGREEMENT_KINDS, {
    LICENSE: l('licence', 'ライセンス契約', '授權'),
    CO_DEVELOPMENT: l('co-development', '共同開発', '共同開發'),
    DISTRIBUTION: l('distribution', '販売契約', '經銷'),
    INVESTMENT: l('investment', '出資', '投資'),
    MOU: l('memorandum of understanding', '覚書', '合作備忘錄'),
    JOINT_VENTURE: l('joint venture', '合弁', '合資'),
    CONTRACT_MANUFACTURING: l('contract manufacturing', '受託製造', '委託製造'),
    COLLABORATION: l('collaboration', '提携', '合作'),
  }),
  partyRoles: vocabulary(PARTY_ROLES, {
    LICENSOR: l('licensor', 'ライセンサー', '授權方'),
    LICENSEE: l('licensee', 'ライセンシー', '被授權方'),
    PARTNER: l('partner', 'パートナー', '合作夥伴'),
    INVESTOR: l('investor', '出資者', '投資方'),
    INVESTEE: l('investee', '出資先', '被投資方'),
    SHAREHOLDER: l('shareholder', '株主', '股東'),
    MANUFACTURER: l('manufacturer', '製造者', '製造方'),
    CLIENT: l('client', '委託者', '委託方'),
    SIGNATORY: l('signatory', '署名者', '簽署方'),
  }),
  approvalKinds: vocabulary(APPROVAL_KINDS, {
    CONDITIONAL_APPROVAL: l('conditional approval', '条件及び期限付承認', '附款許可'),
    FULL_APPROVAL: l('full approval', '本承認', '正式許可'),
    ORPHAN_DESIGNATION: l('orphan designation', '希少疾病用再生医療等製品指定', '罕見疾病用再生醫療製劑指定'),
    TECHNIQUE_APPROVAL: l('technique approval', '細胞治療技術の承認', '細胞治療技術核准'),
    TRIAL_CLEARANCE: l('trial clearance', '治験開始の許可', '臨床試驗核准'),
    MANUFACTURER_ACCREDITATION: l('manufacturer accreditation', '外国製造業者認定', '外國製造業者認定'),
  }),
  trialPhases: vocabulary(TRIAL_PHASES, {
    PHASE_1: l('phase 1', '第1相', '第一期'),
    PHASE_1_2: l('phase 1/2', '第1/2相', '第一/二期'),
    PHASE_2: l('phase 2', '第2相', '第二期'),
    PHASE_3: l('phase 3', '第3相', '第三期'),
  }),
  trialStatuses: vocabulary(TRIAL_STATUSES, {
    PLANNED: l('planned', '計画中', '規劃中'),
    RECRUITING: l('recruiting', '募集中', '招募中'),
    ONGOING: l('ongoing', '実施中', '進行中'),
    COMPLETED: l('completed', '終了', '已完成'),
  }),
  sourceKinds: vocabulary(SOURCE_KINDS, {
    PRIMARY: l('primary', '一次情報', '第一手資料'),
    OFFICIAL: l('official', '公的機関', '官方資料'),
    TRADE_PRESS: l('trade press', '報道', '新聞報導'),
    SECONDARY: l('secondary', '二次情報', '二手資料'),
    AI_GENERATED: l('AI-generated', 'AI生成', 'AI生成'),
  }),
  identityDecisionKinds: vocabulary(IDENTITY_DECISION_KINDS, {
    SAME: l('same entity', '同一', '同一實體'),
    PROBABLY_SAME: l('probably the same', 'おそらく同一', '可能為同一實體'),
  }),
  identityStatuses: vocabulary(IDENTITY_STATUSES, {
    STANDING: l('standing', '未審査', '待審查'),
    CONFIRMED: l('confirmed', '確認済み', '已確認'),
    UNDONE: l('undone', '取消済み', '已撤銷'),
  }),
  /** Properties sources disagree on (claims' `property`), as a conflict's heading names them. */
  conflictLabels: {
    title: l('title', '役職', '職稱'),
    effectiveOn: l('date in force', '施行日', '施行日期'),
    passedOn: l('date passed', '可決日', '三讀通過日期'),
    promulgatedOn: l('date promulgated', '公布日', '公布日期'),
    stage: l('stage', '段階', '階段'),
    status: l('status', '状況', '狀態'),
    signedOn: l('date signed', '締結日', '簽署日期'),
    announcedOn: l('date announced', '発表日', '宣布日期'),
    startedOn: l('start date', '開始日', '開始日期'),
    approvedOn: l('date approved', '承認日', '核准日期'),
    venue: l('venue', '会場', '地點'),
    royaltyRate: l('royalty rate', 'ロイヤルティ率', '權利金比率'),
    milestonePayments: l('milestone payments', 'マイルストーン支払い', '里程碑付款'),
    agreementForm: l('form of agreement', '契約の形態', '協議形式'),
    chiefExecutive: l('chief executive', '代表者', '負責人'),
    legalForm: l('legal form', '法人形態', '法人形式'),
    floorArea: l('floor area', '床面積', '樓地板面積'),
    memberCompanies: l('member companies', '会員企業数', '會員企業數'),
    outcome: l('outcome', '結果', '結果'),
    fines: l('fines', '罰金', '罰鍰'),
  } as Readonly<Record<string, Localized>>,
  /** Names of the countries the graph holds, by ISO 3166-1 alpha-2 code. */
  countries: {
    TW: l('Taiwan', '台湾', '臺灣'),
    JP: l('Japan', '日本', '日本'),
    US: l('United States', '米国', '美國'),
    CN: l('China', '中国', '中國'),
    DE: l('Germany', 'ドイツ', '德國'),
    IN: l('India', 'インド', '印度'),
    KR: l('South Korea', '韓国', '韓國'),
    SG: l('Singapore', 'シンガポール', '新加坡'),
    TH: l('Thailand', 'タイ', '泰國'),
  } as Readonly<Record<string, Localized>>,
  /** What two organizations share, by suggestion reason kind (a suggestion's or a "why not"'s word). */
  suggestionReasonKinds: vocabulary(SUGGESTION_REASON_KINDS, {
    AGREEMENT: l('agreement', '契約', '協議'),
    PEOPLE: l('people', '人材', '人員'),
    TECHNOLOGY: l('technology', '技術', '技術'),
    APPROVAL: l('approval', '承認', '核准'),
    REGULATOR: l('regulator', '規制当局', '主管機關'),
    TRIAL: l('trial', '臨床試験', '臨床試驗'),
    EVENT: l('event', 'イベント', '活動'),
    FUND: l('fund', '資金', '基金'),
    ORGANIZATION: l('organization', '組織', '機構'),
    POLICY: l('policy', '政策', '政策'),
    FOCUS: l('focus', '重点分野', '重點領域'),
  }),
  /** What happened on a date of each kind (a timeline entry's word). */
  dateKinds: vocabulary([...DATE_PROPERTIES, 'startDate', 'endDate'] as const, {
    signedOn: l('signed', '締結', '簽署'),
    announcedOn: l('announced', '発表', '宣布'),
    effectiveOn: l('took effect', '施行', '施行'),
    approvedOn: l('approved', '承認', '核准'),
    startedOn: l('started', '開始', '開始'),
    startDate: l('started', '開始', '開始'),
    endedOn: l('ended', '終了', '結束'),
    endDate: l('ended', '終了', '結束'),
    passedOn: l('passed', '可決', '三讀通過'),
    promulgatedOn: l('promulgated', '公布', '公布'),
    asOf: l('stated as of this date', 'この日付時点の記載', '截至此日期之記載'),
    filedOn: l('filed', '申請', '提出申請'),
    grantedOn: l('granted', '付与', '核發'),
    resultsAnnouncedOn: l('results announced', '結果発表', '公布結果'),
  }),
} as const;

export type Vocabulary = keyof typeof TERMS;

/**
 * The word for `value` of `vocabulary` in `lang`: the English word when the
 * vocabulary has no entry in that language, the value itself when it has none
 * at all (a disputed property the vocabulary does not list).
 */
export function termOf(vocabulary: Vocabulary, value: string, lang: Language): string {
  const terms = TERMS[vocabulary] as Readonly<Record<string, Localized>>;
  const term = Object.hasOwn(terms, value) ? terms[value] : undefined;
  return term?.[lang] || term?.en || value;
}

/** The vocabulary of each model enum that has one (its values' words). */
export const ENUM_VOCABULARY: Partial<Record<keyof typeof ENUMS, Vocabulary>> = {
  OrganizationKind: 'organizationKinds',
  TechnologyKind: 'technologyKinds',
  FundKind: 'fundKinds',
  PolicyKind: 'policyKinds',
  EventKind: 'eventKinds',
  AgreementKind: 'agreementKinds',
  PartyRole: 'partyRoles',
  ApprovalKind: 'approvalKinds',
  TrialPhase: 'trialPhases',
  TrialStatus: 'trialStatuses',
  SourceKind: 'sourceKinds',
  IdentityDecisionKind: 'identityDecisionKinds',
  IdentityStatus: 'identityStatuses',
};
