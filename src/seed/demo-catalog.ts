// What the demo offers: per category (src/seed/starting-set.ts) the activities a studio in that field typically runs.
import type { LISTING_TYPES } from '../db/schema/listings.js'

export type ListingType = (typeof LISTING_TYPES)[number]

export interface ActivityTemplate {
  type: ListingType
  title: string
  description: string
  ageMin: number
  ageMax: number
  /** Per session for classes, per camp / workshop / event ticket otherwise; paise. */
  price: number
  durationMinutes: number
  tags: string[]
}

const t = (
  type: ListingType, title: string, description: string, ages: [number, number], rupees: number, durationMinutes: number, tags: string[],
): ActivityTemplate => ({ type, title, description, ageMin: ages[0], ageMax: ages[1], price: rupees * 100, durationMinutes, tags })

/** Per category slug: two classes, then a camp, a workshop and an event. */
export const ACTIVITY_TEMPLATES: Record<string, ActivityTemplate[]> = {
  swimming: [
    t('class', 'Learn to Swim – Beginners', 'Water confidence, floating, kicking and freestyle basics in a heated, shallow pool. Max 6 kids per coach.', [4, 10], 800, 45, ['beginner', 'pool', 'certified coach']),
    t('class', 'Stroke Improvement Squad', 'Freestyle, backstroke and breaststroke technique with video feedback, for kids who can already swim 25 m.', [8, 15], 950, 60, ['intermediate', 'technique']),
    t('camp', 'Splash Swim Camp', 'Five mornings in the pool: safety skills, games and a mini gala on the last day.', [5, 12], 5500, 120, ['holiday camp', 'water safety']),
    t('workshop', 'Water Safety for Little Ones', 'A parent-and-child session on water safety, floating and getting out of the pool safely.', [2, 5], 700, 60, ['toddler', 'parent and child']),
    t('event', 'Junior Splash Gala', 'A friendly swim meet with 25 m races by age group, medals for every finisher.', [6, 14], 500, 180, ['competition', 'weekend']),
  ],
  dance: [
    t('class', 'Bollywood Dance for Kids', 'High-energy choreography to popular Hindi songs; builds rhythm, stamina and stage confidence.', [5, 12], 600, 60, ['bollywood', 'fun', 'fitness']),
    t('class', 'Kathak Foundation', 'Tatkar, chakkars and basic bols in the Lucknow gharana style, with a guru-shishya approach.', [6, 14], 700, 60, ['classical', 'kathak']),
    t('camp', 'Hip-Hop Holiday Camp', 'Locking, popping and freestyle over a week, ending with a crew showcase for parents.', [8, 15], 4500, 120, ['hip hop', 'showcase']),
    t('workshop', 'Garba & Dandiya Workshop', 'Learn the steps before the festive season: two-taali, three-taali and dandiya sets.', [5, 16], 900, 90, ['festive', 'folk']),
    t('event', 'Little Feet Dance Showcase', 'An afternoon stage show where young dancers perform solo and group pieces.', [4, 14], 400, 120, ['performance', 'weekend']),
  ],
  music: [
    t('class', 'Keyboard for Beginners', 'Notes, chords and easy songs on the keyboard; Trinity Initial grade syllabus optional.', [6, 14], 750, 45, ['keyboard', 'trinity']),
    t('class', 'Hindustani Vocal – Sargam to Bhajans', 'Swar practice, alankars and simple bhajans, taught in small groups with a harmonium.', [5, 13], 650, 60, ['vocal', 'classical']),
    t('camp', 'Rock Band Camp', 'Guitar, drums, bass and vocals: kids form a band and record one song by the end of the week.', [10, 16], 7500, 180, ['band', 'guitar', 'drums']),
    t('workshop', 'Ukulele in a Day', 'Four chords, strumming patterns and three songs; ukuleles provided.', [7, 14], 1200, 120, ['ukulele', 'instrument provided']),
    t('event', 'Kids Open Mic Evening', 'Sing, play or beatbox on a real stage with sound; every performer gets a certificate.', [6, 16], 300, 120, ['open mic', 'weekend']),
  ],
  'art-craft': [
    t('class', 'Sketching & Painting Club', 'Pencil shading, watercolour and acrylics, one new technique each week. Materials included.', [6, 13], 600, 90, ['drawing', 'watercolour', 'materials included']),
    t('class', 'Tiny Tots Messy Art', 'Finger painting, stamping and sensory play for little hands.', [2, 5], 550, 45, ['toddler', 'sensory']),
    t('camp', 'Madhubani & Warli Art Camp', 'Traditional Indian folk art over five days; each child takes home a framed piece.', [7, 14], 4000, 150, ['folk art', 'indian art']),
    t('workshop', 'Clay Modelling Workshop', 'Hand-building with air-dry clay: pinch pots, animals and a pen stand.', [5, 12], 850, 120, ['clay', 'pottery']),
    t('event', 'Diya Painting Sunday', 'Paint and decorate diyas to take home, with snacks and music.', [3, 12], 450, 90, ['festive', 'weekend']),
  ],
  'coding-robotics': [
    t('class', 'Scratch Coding Junior', 'Build games and animations with Scratch blocks; logic and sequencing without typing.', [6, 10], 900, 60, ['scratch', 'games']),
    t('class', 'Python for Young Coders', 'Variables, loops and functions through small projects like a quiz game and a turtle artist.', [10, 16], 1100, 75, ['python', 'programming']),
    t('camp', 'Robotics Bootcamp', 'Build and program a line-following robot with Arduino over five days; kit to take home.', [9, 15], 9500, 180, ['arduino', 'robotics', 'kit included']),
    t('workshop', 'Make Your First App', 'Design and build an Android app with MIT App Inventor in one afternoon.', [10, 16], 1500, 150, ['app', 'android']),
    t('event', 'Junior Hackathon', 'Teams of three build a game in four hours; mentors on hand, prizes for the top three.', [9, 16], 800, 240, ['hackathon', 'weekend']),
  ],
  chess: [
    t('class', 'Chess Basics', 'How pieces move, checkmate patterns and opening principles, taught by a FIDE-rated coach.', [5, 10], 600, 60, ['beginner', 'fide coach']),
    t('class', 'Tournament Chess Training', 'Openings, middlegame plans and endgames, with rated practice games and analysis.', [8, 16], 900, 90, ['advanced', 'tournament']),
    t('camp', 'Chess Champions Camp', 'Daily tactics, a simultaneous exhibition and a rapid tournament on the final day.', [7, 15], 3500, 150, ['tactics', 'tournament']),
    t('workshop', 'Endgame Essentials', 'King and pawn endings, opposition and the rook endgames every player must know.', [9, 16], 800, 120, ['endgame']),
    t('event', 'Kids Rapid Chess Open', 'Seven-round rapid tournament in U-8, U-12 and U-16 groups, trophies and certificates.', [6, 16], 500, 240, ['tournament', 'weekend']),
  ],
  'martial-arts': [
    t('class', 'Karate Kids (Shotokan)', 'Kihon, kata and kumite basics with belt gradings every quarter; builds discipline and focus.', [5, 14], 650, 60, ['karate', 'belt grading']),
    t('class', 'Taekwondo Little Tigers', 'Kicks, stances and forms for young children, in playful, safe drills.', [4, 8], 600, 45, ['taekwondo']),
    t('camp', 'Kalaripayattu Immersion Camp', "Kerala's ancient martial art: flexibility, animal forms and stick work over five days.", [9, 16], 5000, 120, ['kalaripayattu', 'indian martial art']),
    t('workshop', 'Self-Defence for Girls', 'Awareness, escapes from grabs and confident body language, taught by a woman black belt.', [10, 16], 900, 120, ['self defence', 'girls']),
    t('event', 'Inter-Dojo Karate Meet', 'Kata and kumite bouts for colour belts, judged by certified referees.', [6, 16], 600, 240, ['competition', 'weekend']),
  ],
  sports: [
    t('class', 'Junior Football Academy', 'Dribbling, passing and small-sided games on a turf, coached by AIFF-licensed coaches.', [6, 14], 700, 75, ['football', 'turf']),
    t('class', 'Roller Skating Basics', 'Balance, stopping and gliding on quad skates; skates and pads available on rent.', [4, 10], 550, 60, ['skating']),
    t('camp', 'Multi-Sport Holiday Camp', 'Cricket, football, badminton and athletics every morning for a week.', [6, 13], 4800, 180, ['cricket', 'badminton', 'holiday camp']),
    t('workshop', 'Cricket Batting Clinic', 'Grip, stance, front-foot defence and the drive, with bowling-machine practice.', [8, 15], 1000, 120, ['cricket']),
    t('event', 'Kids 5-a-side Football Cup', 'A weekend 5-a-side tournament by age group; every team plays at least three matches.', [7, 14], 400, 300, ['tournament', 'weekend']),
  ],
  'theatre-drama': [
    t('class', 'Young Actors Studio', 'Voice, movement and improvisation games leading to a short play each term.', [7, 14], 700, 90, ['acting', 'improv']),
    t('class', 'Storytelling & Puppetry', 'Tell stories with voices and hand puppets; builds vocabulary and imagination.', [3, 7], 550, 45, ['storytelling', 'puppets']),
    t('camp', 'Holiday Theatre Camp', 'Rehearse and stage a musical adaptation of a Panchatantra tale in one week.', [6, 13], 5200, 180, ['musical', 'stage']),
    t('workshop', 'Public Speaking for Kids', 'Structure a short speech, use your voice and handle stage fright.', [9, 16], 950, 120, ['public speaking', 'confidence']),
    t('event', 'Family Theatre Sunday', 'A children’s play followed by a meet-the-actors session.', [3, 12], 350, 90, ['show', 'weekend']),
  ],
  'science-stem': [
    t('class', 'Young Scientists Lab', 'A new experiment every week: circuits, chemistry colours, magnets and more.', [6, 12], 800, 75, ['experiments', 'hands-on']),
    t('class', 'Vedic Maths & Abacus', 'Mental arithmetic tricks and abacus levels for faster, confident maths.', [5, 12], 600, 60, ['abacus', 'maths']),
    t('camp', 'Space Explorers Camp', 'Build rockets, model the solar system and meet an ISRO alumnus over five days.', [7, 13], 6000, 180, ['astronomy', 'space']),
    t('workshop', 'Slime & Chemistry Workshop', 'The science of polymers, made fun: everyone makes three kinds of slime.', [4, 10], 700, 90, ['chemistry', 'slime']),
    t('event', 'Stargazing Night', 'Telescope viewing of the Moon, Jupiter and Saturn with an astronomer.', [6, 16], 600, 120, ['astronomy', 'evening']),
  ],
  yoga: [
    t('class', 'Kids Yoga Flow', 'Animal poses, balance games and breathing for flexibility and calm.', [4, 10], 500, 45, ['flexibility', 'breathing']),
    t('class', 'Teen Yoga & Mindfulness', 'Sun salutations, core strength and short meditations for exam-time focus.', [12, 16], 600, 60, ['mindfulness', 'teens']),
    t('camp', 'Mindful Mornings Camp', 'Yoga, nature walks and journaling each morning for a week.', [7, 13], 3000, 120, ['nature', 'wellbeing']),
    t('workshop', 'Parent & Child Yoga', 'Partner poses and relaxation for a parent and a young child together.', [3, 8], 800, 60, ['parent and child']),
    t('event', 'Yoga in the Park', 'A free-spirited open-air session with games, for kids and parents.', [4, 14], 250, 60, ['outdoor', 'weekend']),
  ],
  languages: [
    t('class', 'Phonics & Reading Readiness', 'Jolly Phonics sounds, blending and first readers for early learners.', [3, 6], 550, 45, ['phonics', 'english']),
    t('class', 'French for Kids (DELF Prim)', 'Conversational French through songs and role-play; prepares for DELF Prim.', [8, 14], 850, 60, ['french', 'delf']),
    t('camp', 'Spoken English Confidence Camp', 'Daily conversation, vocabulary games and a final mini presentation.', [8, 15], 3800, 120, ['english', 'speaking']),
    t('workshop', 'Creative Writing Workshop', 'Plot, characters and dialogue: kids write and illustrate a short story.', [9, 15], 900, 120, ['writing', 'english']),
    t('event', 'Spell Bee Challenge', 'A friendly spelling contest in three age groups, with word lists shared in advance.', [6, 14], 300, 120, ['competition', 'weekend']),
  ],
}
