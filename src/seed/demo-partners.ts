// Twenty demo studios in four metros, each at a real neighbourhood's coordinates, with the two fields it teaches.

export interface DemoPartner {
  key: string
  businessName: string
  description: string
  city: 'Gurgaon' | 'Delhi' | 'Bengaluru' | 'Mumbai'
  state: 'Haryana' | 'Delhi' | 'Karnataka' | 'Maharashtra'
  area: string
  address: string
  pincode: string
  lat: number
  lng: number
  categories: [string, string]
}

type Row = [key: string, name: string, area: string, address: string, pincode: string, lat: number, lng: number, categories: [string, string]]

const CITY_STATE = { Gurgaon: 'Haryana', Delhi: 'Delhi', Bengaluru: 'Karnataka', Mumbai: 'Maharashtra' } as const

const ROWS: Record<DemoPartner['city'], Row[]> = {
  Gurgaon: [
    ['aqua-tots-gurgaon', 'AquaTots Swim School', 'DLF Phase 1', 'Club Road, DLF Phase 1', '122002', 28.4722, 77.0936, ['swimming', 'yoga']],
    ['little-einsteins-lab', 'Little Einsteins Lab', 'Sector 56', 'Huda Market, Sector 56', '122011', 28.4236, 77.1006, ['science-stem', 'coding-robotics']],
    ['rhythm-house-gurgaon', 'Rhythm House Academy', 'Sushant Lok 1', 'C Block, Sushant Lok 1', '122009', 28.4636, 77.0759, ['dance', 'music']],
    ['checkmate-kids', 'Checkmate Kids Academy', 'South City 2', 'Sohna Road, South City 2', '122018', 28.4303, 77.0564, ['chess', 'languages']],
    ['goal-getters-gurgaon', 'Goal Getters Sports Club', 'Sector 49', 'Sector 49, near Omaxe City Centre', '122018', 28.4108, 77.0531, ['sports', 'martial-arts']],
  ],
  Delhi: [
    ['kala-kendra-gk', 'Kala Kendra Studio', 'Greater Kailash I', 'M Block Market, GK-I', '110048', 28.5484, 77.2373, ['art-craft', 'theatre-drama']],
    ['natraj-dance-vasant-kunj', 'Natraj School of Dance', 'Vasant Kunj', 'Sector C, Vasant Kunj', '110070', 28.5206, 77.1572, ['dance', 'yoga']],
    ['codecubs-dwarka', 'CodeCubs Dwarka', 'Dwarka Sector 10', 'Sector 10, Dwarka', '110075', 28.5815, 77.0575, ['coding-robotics', 'chess']],
    ['champions-arena-punjabi-bagh', 'Champions Arena', 'Punjabi Bagh', 'Club Road, Punjabi Bagh West', '110026', 28.6683, 77.1307, ['sports', 'swimming']],
    ['sur-sangam-hauz-khas', 'Sur Sangam Music School', 'Hauz Khas', 'Hauz Khas Village', '110016', 28.5535, 77.1942, ['music', 'languages']],
  ],
  Bengaluru: [
    ['tiny-tinkerers-indiranagar', 'Tiny Tinkerers', 'Indiranagar', '100 Feet Road, HAL 2nd Stage', '560038', 12.9784, 77.6408, ['science-stem', 'art-craft']],
    ['kalari-kids-koramangala', 'Kalari Kids Koramangala', 'Koramangala', '5th Block, Koramangala', '560095', 12.9352, 77.6245, ['martial-arts', 'yoga']],
    ['stage-door-jayanagar', 'Stage Door Theatre School', 'Jayanagar', '4th Block, Jayanagar', '560011', 12.9299, 77.5826, ['theatre-drama', 'languages']],
    ['bytes-and-bots-hsr', 'Bytes & Bots HSR', 'HSR Layout', 'Sector 2, HSR Layout', '560102', 12.9121, 77.6446, ['coding-robotics', 'chess']],
    ['whitefield-sports-hub', 'Whitefield Sports Hub', 'Whitefield', 'ITPL Main Road, Whitefield', '560066', 12.9698, 77.7500, ['sports', 'swimming']],
  ],
  Mumbai: [
    ['bandra-beats', 'Bandra Beats Dance Co.', 'Bandra West', 'Hill Road, Bandra West', '400050', 19.0544, 72.8311, ['dance', 'theatre-drama']],
    ['powai-young-minds', 'Powai Young Minds', 'Powai', 'Hiranandani Gardens, Powai', '400076', 19.1176, 72.9060, ['science-stem', 'coding-robotics']],
    ['juhu-aquatics', 'Juhu Aquatics Club', 'Juhu', 'Juhu Tara Road, Juhu', '400049', 19.1075, 72.8263, ['swimming', 'sports']],
    ['andheri-art-house', 'Andheri Art House', 'Andheri West', 'Lokhandwala Complex, Andheri West', '400053', 19.1364, 72.8296, ['art-craft', 'music']],
    ['chembur-chess-yoga', 'Chembur Mind & Body Centre', 'Chembur', 'Diamond Garden, Chembur', '400071', 19.0522, 72.8995, ['chess', 'yoga']],
  ],
}

export const DEMO_PARTNERS: DemoPartner[] = (Object.keys(ROWS) as DemoPartner['city'][]).flatMap((city) =>
  ROWS[city].map(([key, businessName, area, address, pincode, lat, lng, categories]) => ({
    key,
    businessName,
    description: `${businessName} runs small-group activities for children in ${area}, ${city}: trained instructors, CCTV-monitored premises and regular progress updates for parents.`,
    city,
    state: CITY_STATE[city],
    area,
    address,
    pincode,
    lat,
    lng,
    categories,
  })),
)

/** Which four activities each studio runs: classes always, plus a mix so all four types appear. */
export const PARTNER_SLOTS: Array<Array<{ category: 0 | 1; template: number }>> = [
  [{ category: 0, template: 0 }, { category: 0, template: 2 }, { category: 1, template: 0 }, { category: 1, template: 3 }],
  [{ category: 0, template: 1 }, { category: 0, template: 4 }, { category: 1, template: 1 }, { category: 1, template: 2 }],
  [{ category: 0, template: 0 }, { category: 0, template: 3 }, { category: 1, template: 0 }, { category: 1, template: 4 }],
]

/** Demo parents and their children (ages as of the seed's day), who book through the same use case as a real parent. */
export const DEMO_CUSTOMERS = [
  { key: 'priya', name: 'Priya Sharma', city: 'Gurgaon', children: [{ name: 'Aarav', age: 8 }, { name: 'Diya', age: 5 }] },
  { key: 'rahul', name: 'Rahul Mehta', city: 'Delhi', children: [{ name: 'Kabir', age: 10 }, { name: 'Myra', age: 7 }] },
  { key: 'ananya', name: 'Ananya Iyer', city: 'Bengaluru', children: [{ name: 'Ishaan', age: 12 }, { name: 'Anika', age: 4 }] },
  { key: 'vikram', name: 'Vikram Nair', city: 'Bengaluru', children: [{ name: 'Reyansh', age: 9 }, { name: 'Sara', age: 14 }] },
  { key: 'sneha', name: 'Sneha Kulkarni', city: 'Mumbai', children: [{ name: 'Vihaan', age: 6 }, { name: 'Kiara', age: 11 }] },
  { key: 'arjun', name: 'Arjun Malhotra', city: 'Gurgaon', children: [{ name: 'Advik', age: 3 }, { name: 'Navya', age: 8 }] },
] as const
