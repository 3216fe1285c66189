import { SPECIALTIES, type SpecialtyKey, specialtyOfTaxonomy } from '../../retrieval/index.js';
import type { Candidate } from '../../src/domain/index.js';

export const TEMPLATE_LANGUAGES = ['en', 'es', 'pt', 'fr', 'zh', 'vi'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

type Kinds = Record<SpecialtyKey | 'other', string>;

/**
 * What each kind of specialist looks after, in plain words a patient reads: the "who and why" of
 * the patient message. One sentence that does not name the specialist (any gender fits).
 */
export const SPECIALIST_KINDS: Record<TemplateLanguage, Kinds> = {
  en: {
    retina: 'This eye doctor treats the retina, the back of the eye.',
    glaucoma: 'This eye doctor treats glaucoma and high eye pressure.',
    cornea: 'This eye doctor treats the cornea, the clear front of the eye.',
    oculoplastics: 'This eye surgeon treats the eyelids and the area around the eye.',
    'neuro-ophthalmology': 'This eye doctor treats the nerves that link the eyes and the brain.',
    uveitis: 'This eye doctor treats inflammation (swelling) inside the eye.',
    'pediatric-ophthalmology':
      'This eye doctor treats eyes that are not aligned, and eye problems of children, such as a lazy eye.',
    ophthalmology: 'This is a medical eye doctor who treats eye disease and does eye surgery.',
    'vision-therapy': 'This eye doctor helps your eyes work together, with eye exercises.',
    'low-vision':
      'This eye doctor helps you make the most of the sight you have, with tools like magnifiers.',
    optometry: 'This eye doctor checks your eyes and your vision.',
    endocrinology: 'This doctor treats diabetes and other hormone problems.',
    neurology: 'This doctor treats problems of the brain and nerves.',
    rheumatology:
      'This doctor treats joint pain and immune problems that can also affect the eyes.',
    'primary-care': 'This doctor looks after your general health.',
    nephrology: 'This doctor treats kidney problems.',
    dermatology: 'This doctor treats skin problems.',
    ent: 'This doctor treats the ears, nose and throat.',
    'sleep-medicine':
      'This doctor treats sleep problems, such as snoring or breathing that stops in sleep.',
    cardiology: 'This doctor treats the heart and blood vessels.',
    pediatrics: "This doctor looks after children's health.",
    other: 'This doctor can help with the problem your eye care team found.',
  },
  es: {
    retina: 'Se especializa en la retina, la parte de atrás del ojo.',
    glaucoma: 'Se especializa en el glaucoma y la presión alta en el ojo.',
    cornea: 'Se especializa en la córnea, la parte clara del frente del ojo.',
    oculoplastics: 'Se especializa en los párpados y la zona alrededor del ojo.',
    'neuro-ophthalmology': 'Se especializa en los nervios que unen los ojos con el cerebro.',
    uveitis: 'Se especializa en la inflamación dentro del ojo.',
    'pediatric-ophthalmology':
      'Se especializa en los ojos desviados y en los problemas de los ojos de los niños, como el ojo vago.',
    ophthalmology: 'Se especializa en las enfermedades y la cirugía de los ojos.',
    'vision-therapy': 'Ayuda a que los ojos trabajen juntos, con ejercicios para los ojos.',
    'low-vision': 'Le ayuda a aprovechar la vista que tiene, con ayudas como lupas.',
    optometry: 'Revisa sus ojos y su vista.',
    endocrinology: 'Se especializa en la diabetes y otros problemas de las hormonas.',
    neurology: 'Se especializa en los problemas del cerebro y los nervios.',
    rheumatology:
      'Se especializa en el dolor de las articulaciones y en problemas de las defensas del cuerpo que también pueden afectar los ojos.',
    'primary-care': 'Se ocupa de su salud en general.',
    nephrology: 'Se especializa en los problemas de los riñones.',
    dermatology: 'Se especializa en los problemas de la piel.',
    ent: 'Se especializa en los oídos, la nariz y la garganta.',
    'sleep-medicine':
      'Se especializa en los problemas del sueño, como los ronquidos o las pausas al respirar mientras duerme.',
    cardiology: 'Se especializa en el corazón y los vasos sanguíneos.',
    pediatrics: 'Se ocupa de la salud de los niños.',
    other: 'Puede ayudarle con el problema que encontró su equipo de cuidado de los ojos.',
  },
  pt: {
    retina: 'É especialista na retina, a parte de trás do olho.',
    glaucoma: 'É especialista em glaucoma e em pressão alta no olho.',
    cornea: 'É especialista na córnea, a parte transparente da frente do olho.',
    oculoplastics: 'É especialista nas pálpebras e na zona à volta do olho.',
    'neuro-ophthalmology': 'É especialista nos nervos que ligam os olhos ao cérebro.',
    uveitis: 'É especialista na inflamação dentro do olho.',
    'pediatric-ophthalmology':
      'É especialista em olhos desalinhados e nos problemas dos olhos das crianças, como o olho preguiçoso.',
    ophthalmology: 'É especialista nas doenças e na cirurgia dos olhos.',
    'vision-therapy': 'Ajuda os olhos a trabalhar em conjunto, com exercícios para os olhos.',
    'low-vision': 'Ajuda a aproveitar ao máximo a visão que tem, com ajudas como lupas.',
    optometry: 'Examina os seus olhos e a sua visão.',
    endocrinology: 'É especialista em diabetes e noutros problemas das hormonas.',
    neurology: 'É especialista nos problemas do cérebro e dos nervos.',
    rheumatology:
      'É especialista nas dores das articulações e nos problemas das defesas do corpo que também podem afetar os olhos.',
    'primary-care': 'Cuida da sua saúde em geral.',
    nephrology: 'É especialista nos problemas dos rins.',
    dermatology: 'É especialista nos problemas da pele.',
    ent: 'É especialista em ouvidos, nariz e garganta.',
    'sleep-medicine':
      'É especialista nos problemas do sono, como ressonar ou pausas na respiração durante o sono.',
    cardiology: 'É especialista no coração e nos vasos sanguíneos.',
    pediatrics: 'Cuida da saúde das crianças.',
    other: 'Pode ajudar com o problema que a sua equipa de cuidados oftalmológicos encontrou.',
  },
  fr: {
    retina: 'Ce médecin soigne la rétine, le fond de l’œil.',
    glaucoma: 'Ce médecin soigne le glaucome et la pression trop forte dans l’œil.',
    cornea: 'Ce médecin soigne la cornée, la partie transparente à l’avant de l’œil.',
    oculoplastics: 'Ce chirurgien soigne les paupières et la zone autour de l’œil.',
    'neuro-ophthalmology': 'Ce médecin soigne les nerfs qui relient les yeux au cerveau.',
    uveitis: 'Ce médecin soigne l’inflammation à l’intérieur de l’œil.',
    'pediatric-ophthalmology':
      'Ce médecin soigne les yeux qui ne sont pas alignés et les problèmes des yeux des enfants, comme l’œil paresseux.',
    ophthalmology: 'Ce médecin soigne les maladies des yeux et les opère.',
    'vision-therapy': 'Ce spécialiste aide vos yeux à travailler ensemble, avec des exercices.',
    'low-vision':
      'Ce spécialiste vous aide à tirer le meilleur de votre vue, avec des aides comme des loupes.',
    optometry: 'Ce spécialiste examine vos yeux et votre vue.',
    endocrinology: 'Ce médecin soigne le diabète et les autres problèmes d’hormones.',
    neurology: 'Ce médecin soigne les problèmes du cerveau et des nerfs.',
    rheumatology:
      'Ce médecin soigne les douleurs des articulations et les maladies des défenses du corps, qui peuvent aussi toucher les yeux.',
    'primary-care': 'Ce médecin s’occupe de votre santé en général.',
    nephrology: 'Ce médecin soigne les problèmes des reins.',
    dermatology: 'Ce médecin soigne les problèmes de peau.',
    ent: 'Ce médecin soigne les oreilles, le nez et la gorge.',
    'sleep-medicine':
      'Ce médecin soigne les troubles du sommeil, comme le ronflement ou les pauses de la respiration pendant le sommeil.',
    cardiology: 'Ce médecin soigne le cœur et les vaisseaux sanguins.',
    pediatrics: 'Ce médecin s’occupe de la santé des enfants.',
    other:
      'Ce spécialiste peut vous aider pour le problème trouvé par votre équipe de soins des yeux.',
  },
  zh: {
    retina: '这位医生治疗视网膜（眼睛后部）的问题。',
    glaucoma: '这位医生治疗青光眼和眼压过高。',
    cornea: '这位医生治疗角膜（眼睛前部透明的部分）的问题。',
    oculoplastics: '这位医生治疗眼睑及眼睛周围的问题。',
    'neuro-ophthalmology': '这位医生治疗连接眼睛和大脑的神经的问题。',
    uveitis: '这位医生治疗眼睛内部的炎症。',
    'pediatric-ophthalmology': '这位医生治疗眼睛不对齐（斜视）和儿童的眼睛问题，例如弱视。',
    ophthalmology: '这位医生治疗眼病，也做眼科手术。',
    'vision-therapy': '这位医生通过眼部训练，帮助双眼协调工作。',
    'low-vision': '这位医生通过放大镜等工具，帮助您充分利用现有的视力。',
    optometry: '这位医生检查您的眼睛和视力。',
    endocrinology: '这位医生治疗糖尿病和其他激素问题。',
    neurology: '这位医生治疗大脑和神经的问题。',
    rheumatology: '这位医生治疗关节疼痛和免疫系统的疾病，这些疾病也可能影响眼睛。',
    'primary-care': '这位医生负责您的整体健康。',
    nephrology: '这位医生治疗肾脏问题。',
    dermatology: '这位医生治疗皮肤问题。',
    ent: '这位医生治疗耳朵、鼻子和喉咙的问题。',
    'sleep-medicine': '这位医生治疗睡眠问题，例如打鼾或睡觉时呼吸暂停。',
    cardiology: '这位医生治疗心脏和血管的问题。',
    pediatrics: '这位医生负责儿童的健康。',
    other: '这位专科医生可以帮助处理您的眼科护理团队发现的问题。',
  },
  vi: {
    retina: 'Bác sĩ này điều trị các bệnh về võng mạc, phần phía sau của mắt.',
    glaucoma: 'Bác sĩ này điều trị bệnh tăng nhãn áp (glôcôm), khi áp lực trong mắt quá cao.',
    cornea: 'Bác sĩ này điều trị các bệnh về giác mạc, phần trong suốt ở phía trước của mắt.',
    oculoplastics: 'Bác sĩ này điều trị các vấn đề về mí mắt và vùng quanh mắt.',
    'neuro-ophthalmology': 'Bác sĩ này điều trị các dây thần kinh nối mắt với não.',
    uveitis: 'Bác sĩ này điều trị tình trạng viêm bên trong mắt.',
    'pediatric-ophthalmology':
      'Bác sĩ này điều trị mắt lác (hai mắt không thẳng hàng) và các bệnh về mắt của trẻ em, như mắt lười.',
    ophthalmology: 'Bác sĩ này điều trị các bệnh về mắt và phẫu thuật mắt.',
    'vision-therapy': 'Bác sĩ này giúp hai mắt làm việc cùng nhau, bằng các bài tập cho mắt.',
    'low-vision': 'Bác sĩ này giúp bạn tận dụng thị lực còn lại, với các dụng cụ như kính lúp.',
    optometry: 'Bác sĩ này kiểm tra mắt và thị lực của bạn.',
    endocrinology: 'Bác sĩ này điều trị bệnh tiểu đường và các vấn đề về nội tiết tố.',
    neurology: 'Bác sĩ này điều trị các vấn đề về não và thần kinh.',
    rheumatology:
      'Bác sĩ này điều trị đau khớp và các bệnh miễn dịch, là những bệnh cũng có thể ảnh hưởng đến mắt.',
    'primary-care': 'Bác sĩ này chăm sóc sức khỏe tổng quát của bạn.',
    nephrology: 'Bác sĩ này điều trị các vấn đề về thận.',
    dermatology: 'Bác sĩ này điều trị các vấn đề về da.',
    ent: 'Bác sĩ này điều trị các vấn đề về tai, mũi và họng.',
    'sleep-medicine':
      'Bác sĩ này điều trị các vấn đề về giấc ngủ, như ngáy hoặc ngưng thở khi ngủ.',
    cardiology: 'Bác sĩ này điều trị các vấn đề về tim và mạch máu.',
    pediatrics: 'Bác sĩ này chăm sóc sức khỏe của trẻ em.',
    other:
      'Bác sĩ chuyên khoa này có thể giúp với vấn đề mà nhóm chăm sóc mắt của bạn đã phát hiện.',
  },
};

/** The catalog specialty a candidate qualifies as: by its label, else by its taxonomy. */
export function specialtyKeyOf(candidate: Pick<Candidate, 'specialty' | 'taxonomy'>) {
  const keys = Object.keys(SPECIALTIES) as SpecialtyKey[];
  const byLabel = keys.find((k) => SPECIALTIES[k].label === candidate.specialty);
  return byLabel ?? (candidate.taxonomy ? specialtyOfTaxonomy(candidate.taxonomy) : undefined);
}

/** The plain-words sentence on what the candidate's kind of specialist looks after. */
export function specialistKind(
  language: TemplateLanguage,
  candidate: Pick<Candidate, 'specialty' | 'taxonomy'>,
): string {
  return SPECIALIST_KINDS[language][specialtyKeyOf(candidate) ?? 'other'];
}
