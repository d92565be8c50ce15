/*
 * Copyright (c) "Neo4j"
 * Neo4j Sweden AB [https://neo4j.com]
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 */

package log

// Logger implementation that throws away all log events.
type void struct{}

func (l void) Error(name, id string, err error) {
}

func (l void) Infof(name, id, msg string, args ...any) {
}

func (l void) Warnf(name, id, msg string, args ...any) {
}

func (l void) Debugf(name, id, msg string, args ...any) {
}

// Void is a Logger implementation that throws away all log events.
//
// Deprecated: use log.ToVoid() instead.
type Void = void

// ToVoid returns a Logger implementation that throws away all log events.
func ToVoid() Logger {
	return void{}
}
