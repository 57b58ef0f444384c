// The words parents use for each category (English, common misspellings, Hindi/Hinglish), and for groups of them.
// Slugs are the starting set's (src/seed/starting-set.ts); a word maps to one or more categories.

export const CATEGORY_WORDS: Readonly<Record<string, readonly string[]>> = {
  swimming: ['swim', 'swimming', 'swimmer', 'swimmers', 'pool', 'tairaki', 'tairaaki', 'tairna', 'tairne', 'tairakee', 'terna', 'tairaki class'],
  dance: ['dance', 'dances', 'dancing', 'dancer', 'bollywood', 'kathak', 'hip hop', 'hiphop', 'hip-hop', 'bharatanatyam', 'garba', 'dandiya', 'nritya', 'naach', 'nach', 'nachna', 'contemporary'],
  music: ['music', 'musical', 'singing', 'sing', 'singer', 'vocal', 'vocals', 'keyboard', 'piano', 'guitar', 'drums', 'ukulele', 'sangeet', 'gaana', 'gana', 'harmonium', 'band', 'instrument'],
  'art-craft': ['art', 'arts', 'craft', 'crafts', 'drawing', 'draw', 'painting', 'paint', 'sketch', 'sketching', 'clay', 'pottery', 'madhubani', 'warli', 'chitrakala', 'kala', 'colouring', 'coloring'],
  'coding-robotics': ['coding', 'code', 'coder', 'programming', 'program', 'robotics', 'robot', 'robots', 'scratch', 'python', 'arduino', 'computer', 'computers', 'app building', 'hackathon'],
  chess: ['chess', 'shatranj', 'checkmate'],
  'martial-arts': ['martial', 'martial arts', 'karate', 'taekwondo', 'kalaripayattu', 'kalari', 'judo', 'kung fu', 'self defence', 'self defense', 'self-defence', 'self-defense'],
  sports: ['sport', 'sports', 'football', 'soccer', 'cricket', 'skating', 'skate', 'badminton', 'athletics', 'khel', 'khelkud'],
  'theatre-drama': ['theatre', 'theater', 'drama', 'acting', 'actor', 'actors', 'storytelling', 'puppetry', 'puppet', 'puppets', 'public speaking', 'natak', 'naatak', 'stage'],
  'science-stem': ['science', 'stem', 'experiment', 'experiments', 'astronomy', 'space', 'maths', 'math', 'mathematics', 'abacus', 'vedic maths', 'vigyan', 'stargazing', 'slime'],
  yoga: ['yoga', 'yog', 'meditation', 'mindfulness', 'dhyan', 'breathing'],
  languages: ['language', 'languages', 'english', 'french', 'german', 'spanish', 'phonics', 'reading', 'writing', 'spelling', 'spell bee', 'bhasha', 'speaking'],
}

/** Broad interests that stand for several categories. */
export const INTEREST_GROUPS: Readonly<Record<string, readonly string[]>> = {
  creative: ['art-craft', 'music', 'dance', 'theatre-drama'],
  artistic: ['art-craft', 'music', 'dance', 'theatre-drama'],
  active: ['sports', 'swimming', 'martial-arts', 'dance', 'yoga'],
  physical: ['sports', 'swimming', 'martial-arts', 'yoga'],
  fitness: ['sports', 'swimming', 'martial-arts', 'yoga'],
  outdoor: ['sports'],
  brainy: ['chess', 'science-stem', 'coding-robotics'],
  logical: ['chess', 'science-stem', 'coding-robotics'],
  tech: ['coding-robotics', 'science-stem'],
}

/** Common misspellings that are further than one edit from any word above. */
export const MISSPELLINGS: Readonly<Record<string, string>> = {
  swiming: 'swimming', swimmimg: 'swimming', swimmming: 'swimming', swiming_: 'swimming',
  dancce: 'dance', dansing: 'dancing', karatay: 'karate', karatee: 'karate', tykwondo: 'taekwondo', taekwando: 'taekwondo',
  chesss: 'chess', codding: 'coding', robotix: 'robotics', robotic: 'robotics', theatr: 'theatre', yogaa: 'yoga', yogha: 'yoga',
  footbal: 'football', fotball: 'football', criket: 'cricket', paintng: 'painting', drawng: 'drawing', musik: 'music', scince: 'science',
}

export const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  swimming: 'swimming', dance: 'dance', music: 'music', 'art-craft': 'art & craft', 'coding-robotics': 'coding & robotics', chess: 'chess',
  'martial-arts': 'martial arts', sports: 'sports', 'theatre-drama': 'theatre & drama', 'science-stem': 'science & STEM', yoga: 'yoga',
  languages: 'languages',
}
