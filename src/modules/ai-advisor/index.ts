// Public face of the AI advisor module: app.ts wires the service and routes; the quality bench reads the offline engine.
export { createAdvisorService, type AdvisorService } from './ai-advisor.service.js'
export { aiAdvisorModule } from './ai-advisor.module.js'
export { createOfflineEngine } from './engines.js'
export { brokenConstraints, type Constraint } from './fit-rules.js'
export { parseMessage, resolveQuery, type AdvisorQuery } from './understanding.js'
export { ADVISOR_QUESTIONS, hardConstraintViolations, type AdvisorQuestion } from './advisor-questions.fixture.js'
export { ageOn, indiaDate } from './india-time.js'
