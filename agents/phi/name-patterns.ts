import { type Detector, escapeRegex, rewrite } from './text.js';

/** Capitalised words that follow a title or cue without being a name. */
const NOT_NAMES = [
  'Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Patient|Pt',
  'The|This|That|These|He|She|They|His|Her|Their|It|And|Or|But|With|Without|For|From|To|In|On|At|By|Of|As|If|Is|Was|Has|Had|Will|Would|Should|Can|Could|May|Might|Must|Not|No|Yes',
  'Denies|Denied|Reports|Reported|States|Stated|Presents|Presented|Complains|Notes|Noted|Note|Returns|Returned|Returning|Here|Seen|Referred|Refer|Please|Thank|Thanks|Today|Yesterday|Tomorrow|Again|Also',
  'Name|Information|Instructions|Education|History|Portal|Care|Plan|Summary|Demographics|Visit|Exam|Examination|Eye|Eyes|Office|Clinic|Hospital|Center|Centre|Department|Services|Team|Staff|Number|Phone|Fax|Email|Address|Chart|Record|Records|Consent|Status|Instructed|Advised|Counseled|Understands|Agrees|Declines|Prefers|Requests',
  'Diabetic|Diabetes|Retina|Retinal|Glaucoma|Cataract|Macular|Vision|Visual|Ophthalmology|Optometry|Follow|Lens|Lenses',
].join('|');

const WORD = `(?!(?:${NOT_NAMES})(?![\\p{L}]))(?:\\p{Lu}\\p{Ll}[\\p{L}'’]*|\\p{Lu}['’]\\p{Lu}\\p{Ll}+)(?:-\\p{Lu}\\p{Ll}[\\p{L}'’]*)?`;
const INITIAL = '\\p{Lu}\\.';
const nameOf = (word: string, gap: string) =>
  `(?:${word}|${INITIAL}(?=\\s+\\p{Lu}))(?:${gap}(?:${word}|${INITIAL}(?=\\s+\\p{Lu}))){0,2}`;
/** "Doe, John" after a cue such as "Name:" or "patient" is one name. */
const NAME = nameOf(WORD, '(?:,\\s*|\\s+)');
/** After a title, an all-caps surname ("Mrs. SMITH") is a name too. */
const TITLED_NAME = nameOf(`(?:${WORD}|\\p{Lu}{3,}(?![\\p{Ll}]))`, '\\s+');

/** A name part already masked ("Dr. [PATIENT_NAME_2] Roe") does not hide the rest. */
const MASKED = '(?:\\[[A-Z][A-Z0-9_]*_\\d+\\]\\s+){0,2}';

/** Cue → how many name words must follow it before we believe it introduces a name. */
const CUES: readonly (readonly [string, number, string])[] = [
  [
    'Dr|Drs|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Rev|Sr|Sra|Srta|Mme|Mlle|Nurse|Hon',
    1,
    TITLED_NAME,
  ],
  [
    '[Ww]ife|[Hh]usband|[Ss]pouse|[Pp]artner|[Dd]aughter|[Ss]on|[Mm]other|[Ff]ather|[Ss]ister|[Bb]rother|[Gg]uardian|[Cc]aregiver|[Gg]randson|[Gg]randdaughter|[Nn]iece|[Nn]ephew|[Ee]mergency contact|[Cc]ontact|[Ss]igned by|[Ss]een by|[Rr]eferred by|[Ee]xamined by|[Dd]ictated by|PCP|[Aa]ttending|[Nn]ame:|[Nn]amed|[Cc]alled',
    1,
    NAME,
  ],
  ['[Pp]atient|[Pp]t\\.?|[Cc]lient', 2, NAME],
];

const patterns = CUES.map(
  ([cues, min, name]) =>
    [
      new RegExp(`(?<![\\p{L}\\p{N}_])((?:${cues})\\.?:?\\s+${MASKED})(${name})`, 'gu'),
      min,
    ] as const,
);
const POSSESSIVE = /['’]s$/u;

/**
 * Names introduced by a title or cue ("Dr. Jane Roe", "Mr Smith", "patient John Doe",
 * "wife Mary"), then every other standalone use of the words of those names.
 */
export const maskIntroducedNames: Detector = (input, mask) => {
  const found = new Set<string>();
  let text = input;
  for (const [pattern, min] of patterns) {
    text = rewrite(text, pattern, (m) => {
      const [whole, cue = '', raw = ''] = m;
      const name = raw.replace(POSSESSIVE, '');
      const words = name.split(/,?\s+/).filter((w) => !w.endsWith('.'));
      if (words.length < min) return whole;
      for (const w of words) found.add(w);
      return `${cue}${mask('NAME', name)}${raw.slice(name.length)}`;
    });
  }
  const words = [...found].filter((w) => w.length >= 3);
  if (words.length === 0) return text;
  const reuse = new RegExp(
    `(?<![\\p{L}\\p{N}_\\[])(?:${words.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}_])`,
    'gu',
  );
  return rewrite(text, reuse, (m) => mask('NAME', m[0]));
};
