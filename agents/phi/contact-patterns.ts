import { before, type Detector, maskAll, rewrite } from './text.js';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
const URL_WITH_SCHEME = /\b(?:https?|s?ftp|file|wss?):\/\/[^\s<>"'`]+|\bwww\.[^\s<>"'`]+/gi;
const TLD =
  'com|org|net|edu|gov|mil|int|io|ai|co|us|uk|ca|de|fr|ru|cn|info|biz|health|care|app|dev|me|ly|xyz|site|online|test|example|invalid|local';
const BARE_DOMAIN = new RegExp(
  `(?<![\\w@.\\-\\[])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLD})(?::\\d{2,5})?(?:\\/[^\\s<>"'\`]*)?(?![\\w-])`,
  'gi',
);
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])(?:${OCTET}\\.){3}${OCTET}(?::\\d{1,5})?(?![\\w]|\\.\\d)`, 'g');
const H = '[0-9a-f]{1,4}';
const IPV6 = new RegExp(
  `(?<![\\w:])(?:(?:${H}:){7}${H}|(?:${H}:){1,6}:(?:${H}(?::${H}){0,5})?|::(?:${H}:){0,6}${H})(?![\\w:])`,
  'gi',
);

const NANP =
  /(?<![\w/.+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?(?![\w/-]|\.\d)/gi;
const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,5}(?![\w.-])/g;
const LOCAL = /(?<![\w/.-])[2-9]\d{2}-\d{4}(?![\w/-]|\.\d)/g;

/** Its look-behind is tried at every position: only worth running where ten digits stand together. */
const LABELLED_BARE =
  /(?<=\b(?:phone|tel|telephone|cell|mobile|fax|call|ph|text|sms|pager|contact)\b[^\d\n]{0,15})\+?1?\d{10}(?!\d)/gi;

const TEN_DIGITS = /\d{10}/;

/** Fax when a "fax" label sits just before the number, else phone. */
const phoneKind = (m: RegExpExecArray) =>
  /\bfax(?:ed|ing)?\b[^\d\n]{0,16}$/i.test(before(m)) ? 'FAX' : 'PHONE';

/** Phone numbers (NANP, international, labelled bare digits); fax when labelled so. */
export const maskPhones: Detector = (input, mask) => {
  let text = input;
  for (const pattern of [NANP, LABELLED_BARE, INTERNATIONAL, LOCAL]) {
    if (pattern === LABELLED_BARE && !TEN_DIGITS.test(text)) continue;
    text = rewrite(text, pattern, (m) => {
      const digits = m[0].replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15 ? mask(phoneKind(m), m[0]) : m[0];
    });
  }
  return text;
};

const trailing = /[.,;:!?)\]}'"]+$/;

/** URLs of any kind (the whole URL, trailing sentence punctuation left in place). */
export const maskUrls: Detector = (input, mask) => {
  let text = input;
  for (const pattern of [URL_WITH_SCHEME, BARE_DOMAIN]) {
    text = rewrite(text, pattern, (m) => {
      const tail = trailing.exec(m[0])?.[0] ?? '';
      return mask('URL', m[0].slice(0, m[0].length - tail.length)) + tail;
    });
  }
  return text;
};

/** Email addresses, masked whole. */
export const maskEmails: Detector = maskAll(EMAIL, 'EMAIL');

/** IPv4 (with an optional port) and IPv6 addresses. */
export const maskIpAddresses: Detector = (text, mask) =>
  maskAll(IPV6, 'IP')(maskAll(IPV4, 'IP')(text, mask), mask);
