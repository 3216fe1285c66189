/** Patient message templates by language; `{name}`, `{specialist}`, `{place}`, `{days}` are filled by code. */
export const PATIENT_TEMPLATES: Record<string, string> = {
  en: 'Hello {name}, your eye care team has referred you to {specialist} at {place}. Their office will contact you to schedule a visit. If you have not heard from them within {days} days, please call us.',
  es: 'Hola {name}, su equipo de cuidado de los ojos le ha referido a {specialist} en {place}. Su consultorio se comunicará con usted para programar una cita. Si no tiene noticias en {days} días, llámenos por favor.',
  pt: 'Olá {name}, a sua equipa de cuidados oftalmológicos encaminhou-o para {specialist} em {place}. O consultório entrará em contacto para marcar uma consulta. Se não tiver notícias dentro de {days} dias, ligue-nos.',
  fr: 'Bonjour {name}, votre équipe de soins des yeux vous a orienté vers {specialist} à {place}. Le cabinet vous contactera pour fixer un rendez-vous. Sans nouvelles d’ici {days} jours, appelez-nous.',
  zh: '{name}您好，您的眼科护理团队已将您转诊至{place}的{specialist}。该诊所将与您联系预约。如果{days}天内没有收到消息，请致电我们。',
  vi: 'Xin chào {name}, nhóm chăm sóc mắt của bạn đã giới thiệu bạn đến {specialist} tại {place}. Văn phòng sẽ liên hệ với bạn để đặt lịch hẹn. Nếu sau {days} ngày bạn chưa nhận được tin, vui lòng gọi cho chúng tôi.',
};

export const OFFICE_TEMPLATE =
  'Please review the attached {urgency} referral and contact the patient to schedule. Reply through the referral so we can close the loop.';

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}
