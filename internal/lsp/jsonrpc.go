package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The bounds of a message. A practice the gate reads is at most 2 MiB,
// which JSON may write six times as long (\u escapes); a larger message is
// skipped unread, and one with a header past these bounds is refused.
const (
	maxMessage = 16 << 20
	maxHeader  = 4 << 10 // one header line
	maxHeaders = 32      // header lines in one message
)

// JSON-RPC's error codes that the server answers with.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
	codeNotInitialized = -32002
	codeRequestFailed  = -32803
)

// errFraming is a message whose header could not be read: the reader goes
// on with what follows.
var errFraming = errors.New("malformed message header")

// errTooLarge is a message over maxMessage, skipped.
var errTooLarge = errors.New("message too large")

// readMessage reads the body of one message framed by a Content-Length
// header (LSP's base protocol). io.EOF when the stream ends between
// messages; errFraming and errTooLarge leave the reader at the next one.
func readMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	framing := false
	for n := 0; ; n++ {
		line, err := readLine(r)
		if err != nil {
			if errors.Is(err, io.EOF) && n == 0 && line == "" {
				return nil, io.EOF
			}
			if errors.Is(err, errFraming) {
				framing = true
				continue
			}
			return nil, err
		}
		if line == "" {
			if n == 0 {
				n = -1 // blank lines between messages
				continue
			}
			break
		}
		if n >= maxHeaders {
			framing = true
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			framing = true
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			v, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || v < 0 {
				framing = true
				continue
			}
			if v > maxMessage {
				if _, err := io.CopyN(io.Discard, r, v); err != nil {
					return nil, err
				}
				return nil, errTooLarge
			}
			length = int(v)
		}
	}
	if length < 0 {
		return nil, errFraming
	}
	// Read as it comes, not allocated from the header's word.
	body, err := io.ReadAll(io.LimitReader(r, int64(length)))
	if err != nil {
		return nil, err
	}
	if len(body) < length {
		return nil, io.ErrUnexpectedEOF
	}
	if framing {
		// A length among headers that are not: its body is skipped, and
		// the next message is read where it starts.
		return nil, errFraming
	}
	return body, nil
}

// readLine reads a header line without its CR LF, up to maxHeader bytes;
// a longer line is skipped and errFraming.
func readLine(r *bufio.Reader) (string, error) {
	var b []byte
	long := false
	for {
		part, err := r.ReadSlice('\n')
		if len(b)+len(part) <= maxHeader {
			b = append(b, part...)
		} else {
			long = true
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) && len(b) > 0 {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		break
	}
	if long {
		return "", errFraming
	}
	return string(bytes.TrimRight(b, "\r\n")), nil
}

// writer writes messages, one at a time.
type writer struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *writer) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = w.w.Write(body)
	return err
}

// incoming is a request, a notification (no id) or a response to a
// request of the server's (which it makes none of).
type incoming struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  *string         `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// request reports whether m expects an answer.
func (m *incoming) request() bool { return len(m.ID) > 0 }

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   rpcError        `json:"error"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// decodeMessage reads one message's body: a valid JSON object with a
// method or an id. A valid id stays so that an invalid request is answered
// with it.
func decodeMessage(body []byte) (*incoming, *rpcError) {
	var m incoming
	if !json.Valid(body) {
		return nil, &rpcError{codeParseError, "the message is not JSON"}
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &rpcError{codeInvalidRequest, "the message is not a JSON-RPC object"}
	}
	if string(m.ID) == "null" {
		m.ID = nil
	}
	if !validID(m.ID) {
		m.ID = nil
		return &m, &rpcError{codeInvalidRequest, "the id is neither a number nor a string"}
	}
	if m.JSONRPC != "2.0" || m.Method == nil && len(m.ID) == 0 {
		return &m, &rpcError{codeInvalidRequest, `not a JSON-RPC 2.0 request: "jsonrpc" must be "2.0" and "method" given`}
	}
	return &m, nil
}

// validID: absent, a number or a string (null is no id: a notification).
func validID(id json.RawMessage) bool {
	if len(id) == 0 {
		return true
	}
	switch id[0] {
	case '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	return false
}
