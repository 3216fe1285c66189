import type { TemplateLanguage } from './specialist-kinds.js';

/**
 * Patient message templates by language, filled by code: `{name}` (the patient's given name),
 * `{specialist}`, `{kind}` (what that kind of specialist looks after, `SPECIALIST_KINDS`),
 * `{office}` (the office's address and phone, `OFFICE_LABELS`), `{days}`.
 */
export const PATIENT_TEMPLATES: Record<TemplateLanguage, string> = {
  en: 'Hello {name}, your eye care team has referred you to {specialist}. {kind} {office} Their office will contact you to schedule a visit. If you have not heard from them within {days} days, please call us.',
  es: 'Hola {name}, su equipo de cuidado de los ojos le ha referido a {specialist}. {kind} {office} Su consultorio se comunicará con usted para programar una cita. Si no tiene noticias en {days} días, llámenos por favor.',
  pt: 'Olá {name}, a sua equipa de cuidados oftalmológicos encaminhou-o para {specialist}. {kind} {office} O consultório entrará em contacto para marcar uma consulta. Se não tiver notícias dentro de {days} dias, ligue-nos.',
  fr: 'Bonjour {name}, votre équipe de soins des yeux vous a orienté vers {specialist}. {kind} {office} Le cabinet vous contactera pour fixer un rendez-vous. Sans nouvelles d’ici {days} jours, appelez-nous.',
  zh: '{name}您好，您的眼科护理团队已将您转诊至{specialist}。{kind}{office}该诊所将与您联系预约。如果{days}天内没有收到消息，请致电我们。',
  vi: 'Xin chào {name}, nhóm chăm sóc mắt của bạn đã giới thiệu bạn đến {specialist}. {kind} {office} Văn phòng sẽ liên hệ với bạn để đặt lịch hẹn. Nếu sau {days} ngày bạn chưa nhận được tin, vui lòng gọi cho chúng tôi.',
};

export interface OfficeLabels {
  /** Who the patient is referred to: `{specialist}`. */
  specialist: string;
  /** Where: `{where}`, the practice's name with its street address (or city). */
  office: string;
  phone: string;
  /** Between two labelled parts in running text. */
  join: string;
}

/** How each language labels the specialist, their office and phone. */
export const OFFICE_LABELS: Record<TemplateLanguage, OfficeLabels> = {
  en: {
    specialist: 'Specialist: {specialist}.',
    office: 'Office: {where}.',
    phone: 'Phone: {phone}.',
    join: ' ',
  },
  es: {
    specialist: 'Especialista: {specialist}.',
    office: 'Consultorio: {where}.',
    phone: 'Teléfono: {phone}.',
    join: ' ',
  },
  pt: {
    specialist: 'Especialista: {specialist}.',
    office: 'Consultório: {where}.',
    phone: 'Telefone: {phone}.',
    join: ' ',
  },
  fr: {
    specialist: 'Spécialiste : {specialist}.',
    office: 'Cabinet : {where}.',
    phone: 'Téléphone : {phone}.',
    join: ' ',
  },
  zh: {
    specialist: '专科医生：{specialist}。',
    office: '诊所：{where}。',
    phone: '电话：{phone}。',
    join: '',
  },
  vi: {
    specialist: 'Bác sĩ chuyên khoa: {specialist}.',
    office: 'Phòng khám: {where}.',
    phone: 'Điện thoại: {phone}.',
    join: ' ',
  },
};

/** For a language the templates lack (a model wrote the message): names and numbers, no words. */
export const NEUTRAL_LABELS: OfficeLabels = {
  specialist: '{specialist}.',
  office: '{where}.',
  phone: 'Tel. {phone}.',
  join: ' ',
};

export const OFFICE_TEMPLATE =
  'Please review the attached {urgency} referral and contact the patient to schedule. Reply through the referral so we can close the loop.';

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}
