import { type Detector, maskAll, rewrite } from './text.js';

const STATE_CODES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|VI|GU|AS|MP';
const STATE_NAMES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico';
const STATE = `(?:${STATE_CODES}|${STATE_NAMES})`;

const SUFFIXES = [
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl',
  'Terrace|Ter|Way|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Route|Rte',
  'Turnpike|Tpke|Pike|Row|Alley|Aly|Plaza|Plz|Loop|Crescent|Cres|Heights|Hts|Path|Walk',
  'Close|Commons|Common|Extension|Ext|Landing|Ridge|Run|Crossing|Xing|Green|Mall|Pass',
]
  .join('|')
  .split('|');
const SUFFIX = `(?:${SUFFIXES.flatMap((s) => [s, s.toUpperCase(), s.toLowerCase()]).join('|')})`;
const STREET_WORD = "(?:\\p{Lu}[\\p{L}'’.\\-]*|\\d{1,3}(?:st|nd|rd|th))";
const UNIT =
  '(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|#)\\.?\\s*#?\\s*[A-Za-z0-9-]+)?';

const STREET = new RegExp(
  `(?<![\\p{L}\\p{N}_])\\d{1,6}[A-Za-z]?(?:-\\d{1,6})?\\s+(?:(?:[NSEW]\\.?|North|South|East|West)\\s+)?(?:${STREET_WORD}\\s+){1,4}${SUFFIX}\\.?(?![\\p{L}])${UNIT}`,
  'gu',
);
const PO_BOX = /(?<![\p{L}])P\.?\s?O\.?\s*Box\s+\d+(?![\p{N}])/giu;
const CITY_STATE_ZIP = new RegExp(
  `(?<![\\p{L}])(\\p{Lu}[\\p{L}'’.\\-]*(?:\\s\\p{Lu}[\\p{L}'’.\\-]*){0,2})(,\\s*${STATE}\\.?,?\\s+)(\\d{5}(?:-\\d{4})?)(?![\\p{N}])`,
  'gu',
);
const ZIP_PLUS_4 = /(?<![\w-])\d{5}-\d{4}(?![\w-])/g;
const LABELLED_ZIP = new RegExp(
  `((?<![\\p{L}])(?:${STATE}|zip|ZIP|Zip)(?:\\s*code)?\\.?[:,]?\\s{1,3})(\\d{5}(?:-\\d{4})?)(?![\\p{N}])`,
  'gu',
);

/** Street addresses ("12 Hope St, Apt 4") and PO boxes. */
export const maskStreets: Detector = (text, mask) =>
  maskAll(PO_BOX, 'ADDRESS')(maskAll(STREET, 'ADDRESS')(text, mask), mask);

/**
 * Cities and ZIP codes where the text marks them ("Warwick, RI 02886", "ZIP 02886", ZIP+4).
 * A bare 5-digit number stays: it is as likely a CPT code (92134) as a ZIP.
 */
export const maskCitiesAndZips: Detector = (input, mask) => {
  let text = rewrite(
    input,
    CITY_STATE_ZIP,
    (m) => `${mask('CITY', m[1] ?? '')}${m[2]}${mask('ZIP', m[3] ?? '')}`,
  );
  text = maskAll(ZIP_PLUS_4, 'ZIP')(text, mask);
  return rewrite(text, LABELLED_ZIP, (m) => `${m[1]}${mask('ZIP', m[2] ?? '')}`);
};
