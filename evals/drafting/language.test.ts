import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it.each([
    [
      'en',
      'Hello Maria, your eye care team has referred you to Elena Vasquez at Valley Retina Center. Their office will call you.',
    ],
    [
      'es',
      'Hola Maria, su equipo de cuidado de los ojos le ha referido a Elena Vasquez. Su consultorio se comunicará con usted.',
    ],
    [
      'pt',
      'Olá João, a sua equipa encaminhou-o para Elena Vasquez. O consultório entrará em contacto para marcar uma consulta.',
    ],
    [
      'fr',
      'Bonjour Marie, votre équipe de soins des yeux vous a orienté vers Elena Vasquez. Le cabinet vous contactera.',
    ],
    [
      'vi',
      'Xin chào Lan, nhóm chăm sóc mắt của bạn đã giới thiệu bạn đến Elena Vasquez. Văn phòng sẽ liên hệ với bạn.',
    ],
    ['zh', 'Wei您好，您的眼科护理团队已将您转诊至Valley Retina Center的Elena Vasquez。'],
    ['ru', 'Здравствуйте, Ольга! Ваш окулист направил вас к Elena Vasquez. Вам позвонят.'],
    ['ar', 'مرحبا فاطمة، لقد أحالك فريق رعاية العيون إلى Elena Vasquez. سيتصل بك المكتب.'],
  ])('reads %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('does not guess on text with too few clues', () => {
    expect(detectLanguage('Elena Vasquez, MD')).toBeNull();
    expect(detectLanguage('217-555-0142')).toBeNull();
  });
});
