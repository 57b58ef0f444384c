import { describe, expect, it } from 'vitest'
import { parseMessage, resolveQuery } from './understanding.js'

describe('parseMessage', () => {
  it.each([
    ['weekend swimming for my 7-year-old near Indiranagar under ₹2,000', { ages: [7], city: null, categories: ['swimming'], weekdays: [6, 7], max_price: 200_000 }],
    ['tairaki class for 8 saal ka beta', { ages: [8], categories: ['swimming'] }],
    ['nritya for kids aged 6 and 9 in Gurugram', { ages: [6, 9], city: 'Gurgaon', categories: ['dance'] }],
    ['swiming lessons for 5yo in Bangalore under 2k', { ages: [5], city: 'Bengaluru', categories: ['swimming'], max_price: 200_000, type: 'class' }],
    ['karatay camp for 10 yrs, budget Rs 4500', { ages: [10], categories: ['martial-arts'], type: 'camp', max_price: 450_000 }],
    ['chesss or robotix for my 9 year old, 1500 tak', { ages: [9], categories: ['chess', 'coding-robotics'], max_price: 150_000 }],
    ['public speaking workshop in Bombay', { city: 'Mumbai', categories: ['theatre-drama'], type: 'workshop' }],
    ['trial class for yoga on sunday mornings', { categories: ['yoga'], weekdays: [7], trial_only: true }],
  ])('%s', (message, expected) => {
    expect(parseMessage(message)).toMatchObject(expected)
  })

  it('reads "after school" as weekdays 15:00–19:30 and "after 5 pm" as a window', () => {
    expect(parseMessage('art after school')).toMatchObject({ weekdays: [1, 2, 3, 4, 5], time_window: { from: 900, to: 1170, label: 'after school' } })
    expect(parseMessage('dance after 5 pm on saturdays').time_window).toMatchObject({ from: 17 * 60, to: 24 * 60 })
    expect(parseMessage('yoga evenings').time_window).toMatchObject({ from: 16 * 60, to: 21 * 60 })
  })

  it('does not take a distance, an age or a time for a budget', () => {
    const parsed = parseMessage('painting within 5 km of Greater Kailash for my 8 year old after 5')
    expect(parsed).toMatchObject({ max_price: null, radius_km: 5, ages: [8], area: { name: 'Greater Kailash', city: 'Delhi' } })
  })

  it('maps a broad interest to its categories and leaves unrelated words alone', () => {
    expect(parseMessage('something creative').categories).toEqual(['art-craft', 'music', 'dance', 'theatre-drama'])
    expect(parseMessage('what is the point of waiting').categories).toEqual([])
  })
})

describe('resolveQuery', () => {
  it('takes the area’s city, else the conversation’s, else the profile’s; ages from the children when the message has none', () => {
    const near = resolveQuery(parseMessage('swimming near Koramangala'), { childAges: [9, 4], profileCity: 'Delhi', previous: null })
    expect(near).toMatchObject({ city: 'Bengaluru', city_source: 'area', area: { name: 'Koramangala' }, radius_km: 8, ages: [4, 9] })
    const profile = resolveQuery(parseMessage('chess for 8 year old'), { childAges: [], profileCity: 'Delhi', previous: null })
    expect(profile).toMatchObject({ city: 'Delhi', city_source: 'profile', ages: [8] })
    const followUp = resolveQuery(parseMessage('and dance?'), { childAges: [], profileCity: 'Delhi', previous: near })
    expect(followUp).toMatchObject({ city: 'Bengaluru', city_source: 'conversation', categories: ['dance'], ages: [4, 9] })
  })
})
