import { BINOCULAR_LOW_VISION } from './binocular-low-vision.js';
import type { Condition } from './condition.js';
import { CORNEA } from './cornea.js';
import { EYE_TRAUMA } from './eye-trauma.js';
import { EYELID } from './eyelid.js';
import { GENERAL_EYE } from './general-eye.js';
import { GLAUCOMA } from './glaucoma.js';
import { NEURO_AFFERENT } from './neuro-afferent.js';
import { NEURO_EFFERENT } from './neuro-efferent.js';
import { OCULAR_SURFACE } from './ocular-surface.js';
import { ORBIT_LACRIMAL } from './orbit-lacrimal.js';
import { PEDIATRIC } from './pediatric.js';
import { RETINA_MACULA } from './retina-macula.js';
import { RETINA_PERIPHERY } from './retina-periphery.js';
import { RETINA_VASCULAR } from './retina-vascular.js';
import { SYSTEMIC_CARDIOMETABOLIC } from './systemic-cardiometabolic.js';
import { SYSTEMIC_IMMUNE_SKIN } from './systemic-immune-skin.js';
import { SYSTEMIC_NEURO_OTHER } from './systemic-neuro-other.js';
import { UVEITIS } from './uveitis.js';

export type { Condition, ConditionArea } from './condition.js';

/** Every condition an optometry practice refers for, eye areas first. */
export const CONDITIONS: readonly Condition[] = [
  ...RETINA_VASCULAR,
  ...RETINA_MACULA,
  ...RETINA_PERIPHERY,
  ...GLAUCOMA,
  ...CORNEA,
  ...OCULAR_SURFACE,
  ...EYELID,
  ...ORBIT_LACRIMAL,
  ...NEURO_AFFERENT,
  ...NEURO_EFFERENT,
  ...UVEITIS,
  ...PEDIATRIC,
  ...BINOCULAR_LOW_VISION,
  ...GENERAL_EYE,
  ...EYE_TRAUMA,
  ...SYSTEMIC_CARDIOMETABOLIC,
  ...SYSTEMIC_IMMUNE_SKIN,
  ...SYSTEMIC_NEURO_OTHER,
];
