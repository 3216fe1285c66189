/** US metro centres practices cluster around; weights follow population, New England heavy. */
export interface Metro {
  city: string;
  state: string;
  lat: number;
  lon: number;
  /** Three-digit ZIP prefixes (sectional centres) serving the metro. */
  zip3: readonly string[];
  areaCode: string;
  weight: number;
  /** Towns around the centre, used for practices away from downtown. */
  towns?: readonly string[];
}

const m = (
  city: string,
  state: string,
  lat: number,
  lon: number,
  zip3: readonly string[],
  areaCode: string,
  weight: number,
  towns?: readonly string[],
): Metro =>
  towns
    ? { city, state, lat, lon, zip3, areaCode, weight, towns }
    : { city, state, lat, lon, zip3, areaCode, weight };

export const METROS: readonly Metro[] = [
  m('Providence', 'RI', 41.82, -71.41, ['029'], '401', 10, [
    'Pawtucket',
    'Cranston',
    'Warwick',
    'East Providence',
    'Johnston',
    'Lincoln',
    'East Greenwich',
  ]),
  m('Boston', 'MA', 42.36, -71.06, ['021', '022'], '617', 12, [
    'Cambridge',
    'Brookline',
    'Newton',
    'Quincy',
    'Somerville',
    'Waltham',
    'Malden',
  ]),
  m('Hartford', 'CT', 41.76, -72.68, ['060', '061'], '860', 8, [
    'West Hartford',
    'New Britain',
    'Manchester',
    'Glastonbury',
    'Farmington',
    'Enfield',
  ]),
  m('New Haven', 'CT', 41.31, -72.93, ['064', '065'], '203', 6, [
    'Hamden',
    'West Haven',
    'Milford',
    'Branford',
    'Wallingford',
  ]),
  m('Worcester', 'MA', 42.26, -71.8, ['015', '016'], '508', 4, [
    'Shrewsbury',
    'Auburn',
    'Leominster',
    'Westborough',
  ]),
  m('Springfield', 'MA', 42.1, -72.59, ['010', '011'], '413', 3.5, [
    'Chicopee',
    'Holyoke',
    'West Springfield',
    'Westfield',
  ]),
  m('Bridgeport', 'CT', 41.19, -73.2, ['066'], '203', 4, ['Fairfield', 'Stratford', 'Trumbull']),
  m('Stamford', 'CT', 41.05, -73.54, ['068', '069'], '203', 3, ['Greenwich', 'Norwalk', 'Darien']),
  m('Waterbury', 'CT', 41.56, -73.05, ['067'], '203', 2, ['Naugatuck', 'Cheshire', 'Torrington']),
  m('New London', 'CT', 41.36, -72.1, ['063'], '860', 1.5, ['Norwich', 'Groton', 'Waterford']),
  m('New Bedford', 'MA', 41.64, -70.93, ['027'], '508', 2, ['Fall River', 'Dartmouth', 'Taunton']),
  m('Lowell', 'MA', 42.63, -71.32, ['018'], '978', 2, ['Lawrence', 'Chelmsford', 'Andover']),
  m('Brockton', 'MA', 42.08, -71.02, ['023'], '508', 1.5, ['Stoughton', 'Bridgewater']),
  m('Hyannis', 'MA', 41.65, -70.29, ['026'], '508', 0.7, ['Falmouth', 'Yarmouth']),
  m('Pittsfield', 'MA', 42.45, -73.25, ['012'], '413', 0.5),
  m('Manchester', 'NH', 42.99, -71.46, ['031'], '603', 1.5, ['Nashua', 'Bedford', 'Concord']),
  m('Portland', 'ME', 43.66, -70.26, ['041'], '207', 1.2, ['South Portland', 'Westbrook']),
  m('Burlington', 'VT', 44.48, -73.21, ['054'], '802', 0.6, ['South Burlington', 'Essex']),
  m('New York', 'NY', 40.71, -74.01, ['100', '112', '113', '104'], '212', 6, [
    'Brooklyn',
    'Queens',
    'Bronx',
  ]),
  m('Newark', 'NJ', 40.74, -74.17, ['070', '071'], '973', 1.5),
  m('Albany', 'NY', 42.65, -73.76, ['122'], '518', 0.6),
  m('Buffalo', 'NY', 42.89, -78.88, ['142'], '716', 0.6),
  m('Rochester', 'NY', 43.16, -77.62, ['146'], '585', 0.5),
  m('Syracuse', 'NY', 43.05, -76.15, ['132'], '315', 0.4),
  m('Philadelphia', 'PA', 39.95, -75.17, ['191'], '215', 2.2),
  m('Pittsburgh', 'PA', 40.44, -80.0, ['152'], '412', 1),
  m('Baltimore', 'MD', 39.29, -76.61, ['212'], '410', 1.1),
  m('Washington', 'DC', 38.91, -77.04, ['200'], '202', 2),
  m('Atlanta', 'GA', 33.75, -84.39, ['303'], '404', 2),
  m('Miami', 'FL', 25.76, -80.19, ['331'], '305', 2),
  m('Orlando', 'FL', 28.54, -81.38, ['328'], '407', 1),
  m('Tampa', 'FL', 27.95, -82.46, ['336'], '813', 1.1),
  m('Charlotte', 'NC', 35.23, -80.84, ['282'], '704', 0.9),
  m('Raleigh', 'NC', 35.78, -78.64, ['276'], '919', 0.8),
  m('Nashville', 'TN', 36.16, -86.78, ['372'], '615', 0.8),
  m('Chicago', 'IL', 41.88, -87.63, ['606'], '312', 3.5),
  m('Detroit', 'MI', 42.33, -83.05, ['482'], '313', 1.5),
  m('Cleveland', 'OH', 41.5, -81.69, ['441'], '216', 0.8),
  m('Columbus', 'OH', 39.96, -83.0, ['432'], '614', 0.8),
  m('Cincinnati', 'OH', 39.1, -84.51, ['452'], '513', 0.8),
  m('Indianapolis', 'IN', 39.77, -86.16, ['462'], '317', 0.8),
  m('Milwaukee', 'WI', 43.04, -87.91, ['532'], '414', 0.6),
  m('Minneapolis', 'MN', 44.98, -93.27, ['554'], '612', 1.4),
  m('St. Louis', 'MO', 38.63, -90.2, ['631'], '314', 1),
  m('Kansas City', 'MO', 39.1, -94.58, ['641'], '816', 0.8),
  m('New Orleans', 'LA', 29.95, -90.07, ['701'], '504', 0.5),
  m('Dallas', 'TX', 32.78, -96.8, ['752'], '214', 2.8),
  m('Houston', 'TX', 29.76, -95.37, ['770'], '713', 2.8),
  m('San Antonio', 'TX', 29.42, -98.49, ['782'], '210', 1),
  m('Austin', 'TX', 30.27, -97.74, ['787'], '512', 0.9),
  m('Denver', 'CO', 39.74, -104.99, ['802'], '303', 1.2),
  m('Phoenix', 'AZ', 33.45, -112.07, ['850'], '602', 1.8),
  m('Las Vegas', 'NV', 36.17, -115.14, ['891'], '702', 0.9),
  m('Salt Lake City', 'UT', 40.76, -111.89, ['841'], '801', 0.5),
  m('Los Angeles', 'CA', 34.05, -118.24, ['900'], '213', 5),
  m('San Diego', 'CA', 32.72, -117.16, ['921'], '619', 1.3),
  m('San Francisco', 'CA', 37.77, -122.42, ['941'], '415', 1.8),
  m('San Jose', 'CA', 37.34, -121.89, ['951'], '408', 0.8),
  m('Sacramento', 'CA', 38.58, -121.49, ['958'], '916', 0.9),
  m('Portland', 'OR', 45.52, -122.68, ['972'], '503', 0.9),
  m('Seattle', 'WA', 47.61, -122.33, ['981'], '206', 1.6),
];
