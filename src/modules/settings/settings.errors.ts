// Expected failures of the system settings.
import { NotFoundError, UnprocessableError } from '../../shared/errors.js'

export class SettingNotFoundError extends NotFoundError {
  constructor() {
    super('setting', 'SETTING_NOT_FOUND')
  }
}

export class InvalidSettingValueError extends UnprocessableError {
  constructor(key: string, problem: string) {
    super('INVALID_SETTING_VALUE', `Invalid value for ${key}: ${problem}`)
  }
}
