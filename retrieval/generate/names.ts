/** Name and street pools: plainly ordinary, diverse, and not drawn from any real directory. */

/** Whitespace-separated words; `_` stands for a space inside one. */
function words(text: string): readonly string[] {
  return text
    .trim()
    .split(/\s+/)
    .map((w) => w.replaceAll('_', ' '));
}

export const GIVEN_NAMES: readonly string[] = words(`
  Aaron Abigail Adaeze Aisha Alejandro Alice Amir Ana Andrew Anh Anjali Ari Beatriz Benjamin
  Bich Bruno Camila Carlos Catherine Chloe Chukwuma Claire Daniel David Deepa Diego Dmitri
  Elena Elizabeth Emeka Emily Esther Fatima Fernando Gabriel Grace Hannah Hao Hiroshi Huong
  Ibrahim Isabel Jacob James Jean Jennifer Jia Joao Jonathan Jose Julia Kavita Kenji Kevin
  Laura Lei Linh Lucia Marcus Maria Mark Mei Michael Minh Mirlande Nadia Naveen Nicole Olga
  Omar Patrick Paulo Priya Rachel Rafael Rebecca Ricardo Robert Samuel Sara Sean Sofia
  Stephen Sunil Tamar Thanh Thomas Valentina Wei William Xin Yara Yusuf Zhen Ama Kwame Marie
  Frantz Nadege Gustavo Ines
`);

export const GENERAL_FAMILY: readonly string[] = words(`
  Abbott Adler Bailey Barnes Bennett Brennan Brooks Callahan Carter Cohen Coleman Connolly
  Doyle Ellis Fischer Fitzgerald Foster Gallagher Goldberg Graham Greene Hart Hayes Hoffman
  Hughes Jensen Kaplan Kelly Kowalski Larsen Levine Lombardi Marino McCarthy Meyer Mitchell
  Murphy Novak O'Brien Olsen Parker Patel Peterson Quinn Reilly Ricci Rossi Russo Schneider
  Shah Shapiro Sullivan Walsh Weber Whitaker Wright Okafor Adeyemi Mensah Haddad Khoury
  Rahman Iyer Reddy Krishnan Kim Park Choi Tanaka Sato Petrov Ivanova Nowak Lindqvist Moreau
  Dubois
`);

/** Family names more common among speakers of each extra language. */
export const FAMILY_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  en: GENERAL_FAMILY,
  es: words(`
    Alvarez Castillo Delgado Fernandez Garcia Gomez Herrera Lopez Martinez
    Morales Ortiz Ramirez Reyes Rivera Rodriguez Santos Torres Vargas
  `),
  zh: words(`Chen Huang Li Lin Liu Wang Wu Xu Yang Zhang Zhao Zhou`),
  pt: words(`
    Almeida Barbosa Cabral Carvalho Costa Ferreira Medeiros
    Oliveira Pereira Rocha Silva Souza Tavares
  `),
  vi: words(`Bui Dang Do Hoang Huynh Le Ngo Nguyen Pham Phan Tran Vo`),
  ht: words(`
    Augustin Baptiste Charles Desir Dorvil Etienne
    Jean-Baptiste Joseph Louis Pierre Saint-Fleur Toussaint
  `),
};

export const STREET_NAMES: readonly string[] = words(`
  Main Washington Maple Oak Elm Park Pleasant Highland Union Church Prospect Broad Central
  Chestnut Summer Water Mill School Spring Lincoln Franklin Hope Angell Beacon Commonwealth
  Farmington Whitney Chapel State Lake River Hillside Meadow Cedar Forest Harbor Liberty
  Jefferson Madison Medical_Center
`);

export const STREET_SUFFIXES: readonly string[] = words(`
  St St Ave Rd Dr Blvd Way Pkwy
`);

export const PLACE_WORDS: readonly string[] = words(`
  Riverside Lakeside Bayview Summit Harbor Northside Westfield Greenway Valley Coastal
  Parkside Heritage Pioneer Crossroads Meridian Cornerstone
`);
